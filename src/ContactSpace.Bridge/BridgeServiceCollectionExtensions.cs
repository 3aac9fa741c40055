using ContactSpace.Bridge.Delivery;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Bridge;

public static class BridgeServiceCollectionExtensions
{
    /// <summary>
    /// The whole bridge, as the Functions app and the DevHost both host it: the contactSPACE client
    /// (<c>ContactSpace:*</c>), intake, delivery and polling (<c>Bridge:*</c>), each validated at start-up.
    /// </summary>
    public static IServiceCollection AddContactSpaceBridge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddContactSpaceClient(configuration);
        services.AddLeadIntake(configuration);
        services.AddLeadDelivery(configuration);
        services.AddPolling(configuration);
        return services;
    }
}

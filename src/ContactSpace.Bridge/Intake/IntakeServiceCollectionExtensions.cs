using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Intake;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers lead intake: <see cref="BridgeOptions"/> bound from <c>Bridge</c> and validated at start-up, the
    /// route catalog, authenticators, the preparer, <see cref="ILeadRemapper"/> and <see cref="LeadIntakeHttpHandler"/>
    /// (which needs an <see cref="ILeadAcceptor"/> from delivery).
    /// </summary>
    public static IServiceCollection AddLeadIntake(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BridgeOptions>()
            .Bind(configuration.GetSection(BridgeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RouteCatalog(sp.GetRequiredService<IOptionsMonitor<BridgeOptions>>()));
        services.TryAddSingleton(sp => RequestAuthenticator.CreateDefault(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LeadPreparer(
            sp.GetRequiredService<RouteCatalog>(), sp.GetRequiredService<RequestAuthenticator>(), sp.GetRequiredService<ILogger<LeadPreparer>>()));
        services.TryAddSingleton<ILeadRemapper>(sp => new LeadRemapper(sp.GetRequiredService<RouteCatalog>()));
        services.TryAddScoped(sp => new LeadIntakeHttpHandler(
            sp.GetRequiredService<RouteCatalog>(), sp.GetRequiredService<LeadPreparer>(), sp.GetRequiredService<ILeadAcceptor>(),
            sp.GetRequiredService<ILogger<LeadIntakeHttpHandler>>()));
        return services;
    }
}

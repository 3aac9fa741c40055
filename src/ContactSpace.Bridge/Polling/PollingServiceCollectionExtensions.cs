using Azure.Data.Tables;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

public static class PollingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pollers, the push receiver, the read endpoints and hot-lead routing, with
    /// <see cref="PollingOptions"/> bound from <c>Bridge:Polling</c> and validated at start-up.
    /// Expects <see cref="ContactSpace.Client.ContactSpaceClient"/> (AddContactSpaceClient); takes the
    /// <see cref="TableServiceClient"/> registered by delivery, or builds one from <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static IServiceCollection AddPolling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PollingOptions>()
            .Bind(configuration.GetSection(PollingOptions.SectionName))
            .Configure(o => o.AccountTimeZone = configuration[$"{BridgeOptions.SectionName}:{nameof(BridgeOptions.AccountTimeZone)}"] ?? BridgeOptions.DefaultAccountTimeZone)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new TableServiceClient(
            configuration["AzureWebJobsStorage"] ?? throw new InvalidOperationException("AzureWebJobsStorage is not set.")));

        services.TryAddSingleton<PollingTables>();
        services.TryAddSingleton<CycleLease>();
        services.TryAddSingleton<OutcomeNameCache>();
        services.TryAddSingleton<FinalOutcomePolicy>();
        services.TryAddSingleton<CallOutcomeRecorder>();
        services.TryAddSingleton<CallOutcomeTracker>();
        services.TryAddSingleton<AgentStatusPoller>();
        services.TryAddSingleton<CallOutcomePoller>();
        services.TryAddSingleton<CallNotificationReceiver>();
        services.TryAddSingleton<ListAgentsEndpoint>();
        services.TryAddSingleton<AgentHistoryEndpoint>();
        services.TryAddSingleton<LongestWaitingAgentSelector>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeadDeliveryObserver, CallOutcomeTracker>(sp => sp.GetRequiredService<CallOutcomeTracker>()));
        services.TryAddSingleton<ILeadOutcomeReader>(sp => sp.GetRequiredService<CallOutcomeTracker>());
        services.TryAddSingleton<IHotLeadAgentSelector>(sp => sp.GetRequiredService<LongestWaitingAgentSelector>());
        return services;
    }
}

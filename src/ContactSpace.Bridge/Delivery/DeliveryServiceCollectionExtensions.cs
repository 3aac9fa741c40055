using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

[assembly: InternalsVisibleTo("ContactSpace.Bridge.Delivery.Tests")]

namespace ContactSpace.Bridge.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers delivery: <see cref="ILeadAcceptor"/>, <see cref="LeadDeliveryProcessor"/>, <see cref="PoisonLeadDrainer"/>,
    /// <see cref="DeadLetterService"/>, <see cref="LeadStatusService"/>, <see cref="PersonalDataPurger"/>, with options from
    /// <c>Bridge:Delivery</c> and storage from <c>AzureWebJobsStorage</c>. Needs <c>AddContactSpaceClient</c>.
    /// </summary>
    public static IServiceCollection AddLeadDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(DeliveryStorage)))
        {
            return services;
        }

        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider =>
        {
            var timeouts = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.StorageTimeouts;
            return new DeliveryStorage(
                StorageClientFactory.CreateTableServiceClient(configuration, timeouts),
                StorageClientFactory.CreateQueueServiceClient(configuration, timeouts));
        });
        services.AddSingleton(provider => new IdempotencyWindows(configuration, provider.GetRequiredService<IOptions<DeliveryOptions>>()));
        services.AddSingleton<LeadsTable>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<RetrySchedule>(provider => new RetrySchedule(provider.GetRequiredService<IOptions<DeliveryOptions>>()));
        services.AddSingleton<RecordInserter>();
        services.AddSingleton<DeliveryAttempt>();
        services.AddSingleton<LeadTransitions>();
        services.AddSingleton<ILeadAcceptor, LeadAcceptor>();
        services.AddSingleton<Http.DeadLetterEndpoints>();
        services.AddSingleton<Http.LeadStatusEndpoint>();

        services.AddSingleton(p => new LeadDeliveryProcessor(
            p.GetRequiredService<DeliveryStorage>(), p.GetRequiredService<LeadsTable>(), p.GetRequiredService<DeliveryQueue>(), p.GetRequiredService<DeliveryAttempt>(),
            p.GetRequiredService<LeadTransitions>(), p.GetRequiredService<RetrySchedule>(), p.GetRequiredService<IOptions<DeliveryOptions>>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<LeadDeliveryProcessor>>()));
        services.AddSingleton(p => new PoisonLeadDrainer(
            p.GetRequiredService<DeliveryStorage>(), p.GetRequiredService<LeadsTable>(), p.GetRequiredService<LeadTransitions>(),
            p.GetRequiredService<ILogger<PoisonLeadDrainer>>()));
        services.AddSingleton(p => new DeadLetterService(
            p.GetRequiredService<DeliveryStorage>(), p.GetRequiredService<DeadLetterStore>(), p.GetRequiredService<LeadsTable>(),
            p.GetRequiredService<DeliveryQueue>(), p.GetServices<ILeadRemapper>(), p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<ILogger<DeadLetterService>>()));
        services.AddSingleton(p => new LeadStatusService(
            p.GetRequiredService<DeliveryStorage>(), p.GetRequiredService<LeadsTable>(), p.GetServices<ILeadOutcomeReader>()));
        services.AddSingleton(p => new PersonalDataPurger(
            p.GetRequiredService<DeliveryStorage>(), p.GetRequiredService<LeadsTable>(), p.GetRequiredService<IOptions<DeliveryOptions>>(),
            p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<PersonalDataPurger>>()));
        return services;
    }
}

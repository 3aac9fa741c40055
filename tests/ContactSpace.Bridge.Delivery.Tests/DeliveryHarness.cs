using System.Text;
using Azure.Storage.Queues;
using ContactSpace.Bridge.Delivery;
using ContactSpace.Bridge.Leads;
using ContactSpace.Client;
using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.State;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Delivery.Tests;

/// <summary>The simulator hosted in-process (the real contactSPACE stand-in, with faults and a call log).</summary>
public sealed class SimulatorHost : WebApplicationFactory<Program>
{
    public const string ApiKey = "delivery-tests-key";

    public SimulatorState State => Services.GetRequiredService<SimulatorState>();

    public FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    public CallLog Calls => Services.GetRequiredService<CallLog>();

    public int InsertCalls => Calls.Calls.Count(c => c.Function.StartsWith("Insert", StringComparison.Ordinal));

    public IReadOnlyList<SimRecord> RecordsWith(string field, string value) =>
        [.. State.Records().Where(r => r.Fields.TryGetValue(field, out var v) && v == value)];

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Simulator:ApiKey", ApiKey);
}

/// <summary>
/// Delivery wired the way the application wires it (AddLeadDelivery + AddContactSpaceClient), against the test run's
/// Azurite and either the in-process simulator or a substitute client. Each harness clears the shared delivery queue.
/// </summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    public const string Route = "web";
    public const string DedupeField = "Lead_ID";
    private readonly ServiceProvider _provider;

    private DeliveryHarness(ServiceProvider provider, CapturingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
    }

    public IServiceProvider Services => _provider;

    public CapturingLoggerProvider Logs { get; }

    public ILeadAcceptor Acceptor => _provider.GetRequiredService<ILeadAcceptor>();

    public LeadDeliveryProcessor Processor => _provider.GetRequiredService<LeadDeliveryProcessor>();

    public PoisonLeadDrainer Drainer => _provider.GetRequiredService<PoisonLeadDrainer>();

    public DeadLetterService DeadLetters => _provider.GetRequiredService<DeadLetterService>();

    public LeadStatusService Status => _provider.GetRequiredService<LeadStatusService>();

    public DeliveryStorage Storage => _provider.GetRequiredService<DeliveryStorage>();

    internal LeadsTable Leads => _provider.GetRequiredService<LeadsTable>();

    public static Task<DeliveryHarness> WithSimulatorAsync(
        string storageConnection, SimulatorHost simulator, Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null) =>
        CreateAsync(storageConnection, collection =>
        {
            collection.AddContactSpaceClient(o =>
            {
                o.BaseUrl = simulator.Server.BaseAddress;
                o.BetaBaseUrl = new Uri(simulator.Server.BaseAddress, "beta/");
                o.ApiKey = SimulatorHost.ApiKey;
                o.MaxReadRetries = 0;
                o.MaxRequestsPerSecond = 1000;
            });
            collection.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => simulator.Server.CreateHandler()));
            services?.Invoke(collection);
        }, settings);

    public static Task<DeliveryHarness> WithClientAsync(
        string storageConnection, ContactSpaceClient client, Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null) =>
        CreateAsync(storageConnection, collection =>
        {
            collection.AddSingleton(client);
            services?.Invoke(collection);
        }, settings);

    private static async Task<DeliveryHarness> CreateAsync(
        string storageConnection, Action<IServiceCollection> services, Dictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnection,

            // Retries come back quickly so a test can pick up the re-queued message.
            ["Bridge:Delivery:Retry:InitialDelay"] = "00:00:00.200",
            ["Bridge:Delivery:Retry:Jitter"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services(collection);
        collection.AddLeadDelivery(configuration);
        var provider = collection.BuildServiceProvider(validateScopes: true);
        var harness = new DeliveryHarness(provider, logs);
        if (storageConnection.Contains("127.0.0.1:1/", StringComparison.Ordinal))
        {
            return harness;
        }

        await harness.Storage.EnsureReadyAsync(CancellationToken.None);
        await harness.Storage.DeliveryQueue.ClearMessagesAsync();
        await harness.Storage.PoisonQueue.ClearMessagesAsync();
        return harness;
    }

    public static PreparedLead Lead(
        string? idempotencyKey = null,
        IReadOnlyDictionary<string, string>? fields = null,
        string? dedupeField = DedupeField,
        InsertMode mode = InsertMode.Auto,
        long? userId = null,
        DateTime? callbackAt = null)
    {
        fields ??= new Dictionary<string, string>
        {
            ["First_Name"] = "Ada",
            ["Surname"] = "Lovelace",
            ["Mobile_Phone"] = "61414616126",
            ["Notes"] = Guid.NewGuid().ToString("N"),
        };
        // Each post is its own lead (tests share one Azurite): a repeat is made by posting the same PreparedLead again.
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f.Key}={f.Value}")) + "&submission=" + Guid.NewGuid().ToString("N"));
        return new PreparedLead
        {
            Lead = new MappedLead
            {
                Route = Route,
                Fields = fields,
                DatasetId = 1,
                InitiativeId = 1,
                DedupeField = dedupeField,
                Mode = mode,
                UserId = userId,
                CallbackAt = callbackAt,
            },
            IdempotencyKey = idempotencyKey,
            PayloadHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body)),
            OriginalBody = body,
            OriginalContentType = "application/x-www-form-urlencoded",
        };
    }

    /// <summary>Waits (up to 10 s) for the next delivery message and removes it, as the queue trigger would.</summary>
    public async Task<string> ReceiveDeliveryMessageAsync() => await ReceiveAsync(Storage.DeliveryQueue);

    public async Task<int> DeliveryMessageCountAsync()
    {
        var properties = await Storage.DeliveryQueue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    private static async Task<string> ReceiveAsync(QueueClient queue)
    {
        for (var i = 0; i < 100; i++)
        {
            var message = await queue.ReceiveMessageAsync();
            if (message.Value is { } received)
            {
                await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
                return received.Body.ToString();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No delivery message arrived.");
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}

using Azure.Core;
using Azure.Data.Tables;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

/// <summary>
/// The pollers wired as the Functions app wires them (AddPolling), against the collection's Azurite, with a
/// fake clock and, unless a real one is given, a substitute contactSPACE client. Tables start empty.
/// </summary>
public sealed class PollingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private PollingHarness(ServiceProvider provider, ContactSpaceClient client, FakeTimeProvider time, TableRequestCounter counter, CapturingLoggerProvider logs)
    {
        _provider = provider;
        Client = client;
        Time = time;
        TableRequests = counter;
        Logs = logs;
    }

    public ContactSpaceClient Client { get; }

    public FakeTimeProvider Time { get; }

    public TableRequestCounter TableRequests { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    public static async Task<PollingHarness> CreateAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null,
        ContactSpaceClient? client = null,
        FakeTimeProvider? time = null,
        bool resetTables = true,
        Action<IServiceCollection>? configureServices = null)
    {
        if (resetTables)
        {
            await ResetTablesAsync(azurite.ConnectionString);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Bridge:Polling:PushSecret"] = "push-secret-0123456789",
                ["Bridge:Polling:MaxConcurrency"] = "4",

                // Call times in these tests are written as UTC; the bridge's default zone is Australia/Sydney.
                ["Bridge:AccountTimeZone"] = "UTC",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var counter = new TableRequestCounter();
        var logs = new CapturingLoggerProvider();
        time ??= new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        if (configureServices is null)
        {
            services.AddSingleton(client ?? Substitute.For<ContactSpaceClient>());
        }
        else
        {
            configureServices(services);
        }

        services.AddSingleton(_ =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(counter, HttpPipelinePosition.PerCall);
            return new TableServiceClient(azurite.ConnectionString, options);
        });
        services.AddPolling(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new PollingHarness(provider, provider.GetRequiredService<ContactSpaceClient>(), time, counter, logs);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public async Task<List<T>> ReadAsync<T>(string table, string? partitionKey = null)
        where T : class, ITableEntity, new()
    {
        var client = Get<TableServiceClient>().GetTableClient(table);
        var rows = new List<T>();
        var filter = partitionKey is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in client.QueryAsync<T>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static async Task ResetTablesAsync(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        foreach (var name in new[] { PollingTables.AgentStatus, PollingTables.AgentStatusHistory, PollingTables.CallOutcomes, PollingTables.PollingState })
        {
            await service.DeleteTableAsync(name);
        }
    }
}

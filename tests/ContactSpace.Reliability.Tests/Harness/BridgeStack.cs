using System.Globalization;
using ContactSpace.Testing;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// The whole bridge on loopback, each part in its own process: Azurite on an on-disk location (so it can be stopped
/// and restarted without forgetting), the contactSPACE simulator, and the DevHost configured with two routes and
/// short retry delays. Process logs go to <see cref="LogFolder"/>.
/// </summary>
internal sealed class BridgeStack : IAsyncDisposable
{
    public const string Route = "reliability";

    /// <summary>A route that maps a field the initiative lacks: contactSPACE refuses its leads for good.</summary>
    public const string BrokenRoute = "reliability-broken";

    public const string RouteKey = "reliability-route-key";
    public const long InitiativeId = 1;
    public const long DatasetId = 1;
    private const string SimulatorApiKey = "reliability-sim-key";

    private BridgeStack(string workFolder, AzuriteServer azurite, DotnetAppProcess simulator, DotnetAppProcess devHost)
    {
        LogFolder = Path.Combine(workFolder, "logs");
        Azurite = azurite;
        SimulatorProcess = simulator;
        DevHost = devHost;
        Simulator = new SimulatorControl(simulator.BaseAddress);
        Storage = new StorageProbe(azurite.ConnectionString);
    }

    public string LogFolder { get; }

    public AzuriteServer Azurite { get; }

    public DotnetAppProcess SimulatorProcess { get; }

    public DotnetAppProcess DevHost { get; }

    public SimulatorControl Simulator { get; }

    public StorageProbe Storage { get; }

    public static async Task<BridgeStack> StartAsync(string workFolder, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(workFolder, "logs");
        var azurite = await AzuriteServer.StartAsync(new AzuriteOptions { Location = Path.Combine(workFolder, "azurite") }, cancellationToken);
        DotnetAppProcess? simulator = null;
        try
        {
            simulator = new DotnetAppProcess(BuiltApps.Simulator, SimulatorSettings(), "/_sim/faults", Path.Combine(logs, "simulator.log"));
            await simulator.StartAsync(cancellationToken);
            var devHost = new DotnetAppProcess(
                BuiltApps.DevHost, DevHostSettings(azurite.ConnectionString, simulator.BaseAddress), "/api/health", Path.Combine(logs, "devhost.log"));
            await devHost.StartAsync(cancellationToken);
            return new BridgeStack(workFolder, azurite, simulator, devHost);
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>HTTP client of a sender: its own timeout, as webhook senders have.</summary>
    public HttpClient CreateSenderClient(TimeSpan timeout)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = DevHost.BaseAddress,
            Timeout = timeout,
        };
        client.DefaultRequestHeaders.Add("x-functions-key", RouteKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await DevHost.DisposeAsync();
        await SimulatorProcess.DisposeAsync();
        Simulator.Dispose();
        await Azurite.DisposeAsync();
    }

    private static Dictionary<string, string> SimulatorSettings() => new()
    {
        ["Simulator__ApiKey"] = SimulatorApiKey,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__ContactSpace"] = "Information",
    };

    private static Dictionary<string, string> DevHostSettings(string storage, Uri simulator)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage,
            ["ContactSpace__BaseUrl"] = simulator.ToString(),
            ["ContactSpace__BetaBaseUrl"] = new Uri(simulator, "beta/").ToString(),
            ["ContactSpace__ApiKey"] = SimulatorApiKey,
            ["ContactSpace__MaxRequestsPerSecond"] = "1000",
            // A simulated slow answer (latency fault) outlasts this, so it fails as an ambiguous timeout.
            ["ContactSpace__Timeout"] = "00:00:02",
            ["Bridge__Delivery__SyncBudget"] = "00:00:01",
            ["Bridge__Delivery__AttemptTimeout"] = "00:00:03",
            ["Bridge__Delivery__InFlightTimeout"] = "00:00:05",
            ["Bridge__Delivery__StorageRetryAfter"] = "00:00:01",
            // On a busy 2-core machine Azurite can take seconds to answer; an outage is still seen at once (refused).
            ["Bridge__Delivery__StorageNetworkTimeout"] = "00:00:10",
            ["Bridge__Delivery__Retry__InitialDelay"] = "00:00:01",
            ["Bridge__Delivery__Retry__MaxDelay"] = "00:00:04",
            ["Bridge__Delivery__Retry__Multiplier"] = "2",
            // Transient failures never exhaust the attempts within a run: only permanent errors dead-letter.
            ["Bridge__Delivery__Retry__GiveUpAfter"] = "01:00:00",
            // Messages held by a killed DevHost come back after this instead of the host's 10 minutes (renewed while
            // a function runs, so a live delivery keeps its message).
            ["DevHost__QueueMessageLease"] = "00:00:30",
            // Pollers stay quiet: once a year, so their calls do not mix with the leads'.
            ["AgentStatusSchedule"] = "0 0 0 1 1 *",
            ["CallOutcomeSchedule"] = "0 0 0 1 1 *",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__ContactSpace"] = "Information",
        };
        AddRoute(settings, Route, extraField: null);
        AddRoute(settings, BrokenRoute, extraField: "Favourite_Colour");
        return settings;
    }

    private static void AddRoute(Dictionary<string, string> settings, string route, string? extraField)
    {
        var prefix = $"Bridge__Routes__{route}__";
        settings[prefix + "DatasetId"] = DatasetId.ToString(CultureInfo.InvariantCulture);
        settings[prefix + "InitiativeId"] = InitiativeId.ToString(CultureInfo.InvariantCulture);
        settings[prefix + "Mode"] = "InsertRecord";
        settings[prefix + "DedupeField"] = "Lead_ID";
        settings[prefix + "Auth__Scheme"] = "FunctionKey";
        settings[prefix + "Auth__Secret"] = RouteKey;
        settings[prefix + "Fields__First_Name__Source"] = "firstName";
        settings[prefix + "Fields__Surname__Source"] = "lastName";
        settings[prefix + "Fields__Email_Address__Source"] = "email";
        settings[prefix + "Fields__Email_Address__Required"] = "true";
        settings[prefix + "Fields__Mobile_Phone__Source"] = "phone";
        settings[prefix + "Fields__Mobile_Phone__Transform"] = "phone";
        if (extraField is not null)
        {
            settings[prefix + $"Fields__{extraField}__Constant"] = "blue";
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Hosting;
using ContactSpace.Simulator.Seed;
using ContactSpace.Simulator.State;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactSpace.LoadDriver.Polling;

/// <summary>
/// What polling costs: contactSPACE calls (counted by the simulator's call log) and table transactions (counted
/// by a pipeline policy on the table client) per cycle and per month, and cycle time, for 10/100/1,000 agents and
/// 1,000/100,000 open leads, with the shipped schedule and with naive options (every agent and every lead every
/// minute, users every minute). The simulator runs in-process on loopback Kestrel; storage is a real Azurite.
/// The bridge's clock is simulated (one cycle = one simulated minute), so an hour of cycles runs in seconds.
/// </summary>
public static class PollingCostScenario
{
    private const int CyclesPerMonth = 30 * 24 * 60;
    private const int InitiativeId = 1;
    private const int DatasetId = 1;
    private static readonly string[] _workingStatuses = ["Available", "On Call", "Wrap Up", "Paused - Training"];

    public static async Task<int> RunAsync(string[] args)
    {
        // --agents=10,100 --leads=1000 --cycles=15 run a part; the defaults are the full table.
        int[] agentCounts = Numbers(args, "--agents=") ?? [10, 100, 1_000];
        int[] leadCounts = Numbers(args, "--leads=") ?? [1_000, 100_000];
        var measuredCycles = Numbers(args, "--cycles=")?.FirstOrDefault() ?? 60;

        await using var azurite = await AzuriteServer.StartAsync();
        var rows = new List<string>
        {
            "| scenario | schedule | contactSPACE calls / cycle | calls / month | table transactions / cycle | transactions / month | cycle time (mean / max) |",
            "|---|---|---:|---:|---:|---:|---|",
        };

        foreach (var agents in agentCounts)
        {
            foreach (var naive in new[] { false, true })
            {
                var figures = await MeasureAgentsAsync(azurite, agents, naive, measuredCycles);
                rows.Add(figures.Row($"{agents:N0} agents"));
                Console.WriteLine(rows[^1]);
            }
        }

        foreach (var leads in leadCounts)
        {
            foreach (var naive in new[] { false, true })
            {
                // One naive cycle of 100,000 leads is 100,000 calls: measured once, not for an hour.
                var cycles = naive && leads > 10_000 ? 1 : measuredCycles;
                var figures = await MeasureLeadsAsync(azurite, leads, naive, cycles);
                rows.Add(figures.Row($"{leads:N0} open leads"));
                Console.WriteLine(rows[^1]);
            }
        }

        Console.WriteLine();
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static int[]? Numbers(string[] args, string prefix) =>
        args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal)) is { } arg
            ? [.. arg[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))]
            : null;

    private static async Task<Figures> MeasureAgentsAsync(AzuriteServer azurite, int agentCount, bool naive, int measuredCycles)
    {
        var seed = DefaultSeed.Create();
        seed.Users = [.. Enumerable.Range(1, agentCount).Select(i => new SeedUser
        {
            Id = i,
            Email = $"agent{i}@example.com",
            FirstName = "Agent",
            Surname = i.ToString(CultureInfo.InvariantCulture),
            // Half the floor is off shift (logged out), half works.
            Status = i % 2 == 0 ? "Logged Out" : "Available",
        })];
        await using var simulator = await SimulatorHost.StartAsync(seed);
        await using var bridge = await BridgeHost.StartAsync(azurite, simulator.BaseAddress, AgentSettings(naive));
        var poller = bridge.Get<AgentStatusPoller>();
        var random = new Random(agentCount);

        // Warm-up: first sight of every agent, then long enough for the logged-out back-off to apply.
        await poller.RunCycleAsync(false, default);
        bridge.Clock.Advance(TimeSpan.FromMinutes(31));
        await poller.RunCycleAsync(false, default);

        simulator.CallLog.Clear();
        bridge.Counter.Reset();
        var times = new List<TimeSpan>();
        for (var cycle = 0; cycle < measuredCycles; cycle++)
        {
            bridge.Clock.Advance(TimeSpan.FromMinutes(1));
            // Each working agent changes status with probability 0.2 a minute.
            for (var id = 1; id <= agentCount; id += 2)
            {
                if (random.NextDouble() < 0.2)
                {
                    simulator.State.SetAgentStatus(id, _workingStatuses[random.Next(_workingStatuses.Length)]);
                }
            }

            var watch = Stopwatch.StartNew();
            var result = await poller.RunCycleAsync(false, default);
            times.Add(watch.Elapsed);
            if (!result.Ran)
            {
                throw new InvalidOperationException("A measured cycle was skipped.");
            }
        }

        var calls = simulator.CallLog.Calls.Count;
        var transactions = bridge.Counter.Total;
        if (naive)
        {
            // The naive poller writes every agent every cycle (one upsert each) instead of only the changes.
            transactions = bridge.Counter.Reads + (agentCount * measuredCycles);
        }

        return new Figures(naive, calls, transactions, measuredCycles, times);
    }

    private static async Task<Figures> MeasureLeadsAsync(AzuriteServer azurite, int leadCount, bool naive, int measuredCycles)
    {
        await using var simulator = await SimulatorHost.StartAsync(DefaultSeed.Create());
        await using var bridge = await BridgeHost.StartAsync(azurite, simulator.BaseAddress, LeadSettings(naive, leadCount));
        var settings = bridge.Get<Microsoft.Extensions.Options.IOptions<PollingOptions>>().Value.Outcomes;
        var now = bridge.Clock.GetUtcNow();

        // Open leads delivered evenly over the horizon, each scheduled where an on-time poller would have left it.
        var state = await bridge.Get<PollingTables>().GetAsync(PollingTables.PollingState);
        var horizon = TimeSpan.FromDays(7);
        var due = new List<TableTransactionAction>(leadCount);
        for (var i = 0; i < leadCount; i++)
        {
            var record = simulator.State.InsertRecord(DatasetId, [new("First_Name", "Lead"), new("Lead_ID", $"lead-{i}")]);
            var age = TimeSpan.FromTicks(horizon.Ticks / leadCount * i);
            var (pollsDone, nextDue) = ScheduleAt(age, settings);
            var deliveredAt = now - age;
            due.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new OutcomeDueEntity
            {
                RowKey = OutcomeDueEntity.RowKeyFor(deliveredAt + nextDue, $"lead-{i}"),
                LeadId = $"lead-{i}",
                InitiativeId = InitiativeId,
                RecordId = record.Id,
                DeliveredAt = deliveredAt,
                PollCount = pollsDone,
            }));
        }

        foreach (var chunk in due.Chunk(100))
        {
            await state.SubmitTransactionAsync(chunk);
        }

        // New leads keep arriving at the rate that keeps the open count steady.
        var arrivalsPerMinute = leadCount / horizon.TotalMinutes;
        var arrivals = 0.0;
        var observer = bridge.Get<ILeadDeliveryObserver>();
        simulator.CallLog.Clear();
        bridge.Counter.Reset();
        var times = new List<TimeSpan>();
        for (var cycle = 0; cycle < measuredCycles; cycle++)
        {
            bridge.Clock.Advance(TimeSpan.FromMinutes(1));
            for (arrivals += arrivalsPerMinute; arrivals >= 1; arrivals--)
            {
                var record = simulator.State.InsertRecord(DatasetId, [new("First_Name", "New")]);
                await observer.OnDeliveredAsync(new DeliveredLead($"new-{record.Id}", "web", InitiativeId, DatasetId, record.Id, bridge.Clock.GetUtcNow()), default);
            }

            var watch = Stopwatch.StartNew();
            var result = await bridge.Get<CallOutcomePoller>().RunCycleAsync(false, default);
            times.Add(watch.Elapsed);
            if (!result.Ran)
            {
                throw new InvalidOperationException("A measured cycle was skipped.");
            }
        }

        return new Figures(naive, simulator.CallLog.Calls.Count, bridge.Counter.Total, measuredCycles, times);
    }

    /// <summary>How many polls a lead of this age has had, and when (after delivery) the next one is due.</summary>
    private static (int PollsDone, TimeSpan NextDue) ScheduleAt(TimeSpan age, CallOutcomePollingOptions settings)
    {
        var pollsDone = 0;
        var next = settings.FirstPollAfter;
        while (next < age)
        {
            pollsDone++;
            next += CallOutcomePoller.IntervalAfter(pollsDone, settings);
        }

        return (pollsDone, next);
    }

    private static Dictionary<string, string?> AgentSettings(bool naive) => naive
        ? new()
        {
            ["Bridge:Polling:UserRefreshInterval"] = "00:00:01",
            ["Bridge:Polling:LoggedOutBackoffAfter"] = "3650.00:00:00",
        }
        : [];

    private static Dictionary<string, string?> LeadSettings(bool naive, int leadCount) => naive
        ? new()
        {
            ["Bridge:Polling:Outcomes:FirstPollAfter"] = "00:01:00",
            ["Bridge:Polling:Outcomes:BackoffFactor"] = "1",
            ["Bridge:Polling:Outcomes:MaxInterval"] = "00:01:00",
            ["Bridge:Polling:Outcomes:MaxLeadsPerCycle"] = leadCount.ToString(CultureInfo.InvariantCulture),
        }
        : [];

    private sealed record Figures(bool Naive, int Calls, int Transactions, int Cycles, List<TimeSpan> Times)
    {
        public string Row(string scenario)
        {
            var callsPerCycle = (double)Calls / Cycles;
            var transactionsPerCycle = (double)Transactions / Cycles;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"| {scenario} | {(Naive ? "naive" : "shipped")} | {callsPerCycle:N1} | {callsPerCycle * CyclesPerMonth:N0} | {transactionsPerCycle:N1} | {transactionsPerCycle * CyclesPerMonth:N0} | {Times.Average(t => t.TotalMilliseconds):N0} ms / {Times.Max(t => t.TotalMilliseconds):N0} ms |");
        }
    }

    /// <summary>The simulator on a loopback port, with its state and call log at hand.</summary>
    private sealed class SimulatorHost(WebApplication app) : IAsyncDisposable
    {
        public Uri BaseAddress { get; } = new(app.Urls.First());

        public SimulatorState State => app.Services.GetRequiredService<SimulatorState>();

        public CallLog CallLog => app.Services.GetRequiredService<CallLog>();

        public static async Task<SimulatorHost> StartAsync(SimulatorSeed seed)
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddContactSpaceSimulator();
            builder.Services.AddSingleton(seed);
            var app = builder.Build();
            app.MapContactSpaceSimulator();
            await app.StartAsync();
            return new SimulatorHost(app);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>The bridge's polling services as AddPolling wires them, on a fresh set of tables and a simulated clock.</summary>
    private sealed class BridgeHost(ServiceProvider provider, ManualClock clock, TransactionCounter counter) : IAsyncDisposable
    {
        public ManualClock Clock => clock;

        public TransactionCounter Counter => counter;

        public T Get<T>()
            where T : notnull => provider.GetRequiredService<T>();

        public static async Task<BridgeHost> StartAsync(AzuriteServer azurite, Uri simulator, Dictionary<string, string?> settings)
        {
            var tables = new TableServiceClient(azurite.ConnectionString);
            foreach (var name in new[] { PollingTables.AgentStatus, PollingTables.AgentStatusHistory, PollingTables.CallOutcomes, PollingTables.PollingState })
            {
                await tables.DeleteTableAsync(name);
            }

            settings["AzureWebJobsStorage"] = azurite.ConnectionString;
            settings["Bridge:Polling:MinimumCycleGap"] = "00:00:00";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
            var counter = new TransactionCounter();
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(_ =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
                return new TableServiceClient(azurite.ConnectionString, options);
            });
            services.AddContactSpaceClient(options =>
            {
                options.BaseUrl = simulator;
                options.BetaBaseUrl = new Uri(simulator, "/beta/");
                options.ApiKey = "sim-local-key";
                // Loopback can take more than contactSPACE's 50 a second: cycle time here is the bridge's own work.
                options.MaxRequestsPerSecond = 1_000;
            });
            services.AddPolling(configuration);
            var provider = services.BuildServiceProvider();

            // Creating the tables is once per process, not per cycle: keep it out of the counts.
            foreach (var name in new[] { PollingTables.AgentStatus, PollingTables.AgentStatusHistory, PollingTables.CallOutcomes, PollingTables.PollingState })
            {
                await provider.GetRequiredService<PollingTables>().GetAsync(name);
            }

            counter.Reset();
            return new BridgeHost(provider, clock, counter);
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}

using System.Diagnostics;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>Runs the scenarios against a <see cref="BridgeStack"/>, then waits for the bridge to drain.</summary>
internal sealed class SuiteRun(BridgeStack stack, string runId, Action<string> log)
{
    private const int Senders = 32;
    private static readonly TimeSpan _senderTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _senderPatience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _outage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _downAfterKill = TimeSpan.FromSeconds(1);
    private readonly List<SentLead> _leads = [];
    private readonly List<ScenarioResult> _scenarios = [];
    private long _senderRetries;

    public IReadOnlyList<SentLead> Leads => _leads;

    public IReadOnlyList<ScenarioResult> Scenarios => _scenarios;

    public long SenderRetries => _senderRetries;

    public int StorageOutages { get; private set; }

    public int DevHostKills { get; private set; }

    public async Task RunAsync(IReadOnlyList<Scenario> plan, int leadCount, CancellationToken cancellationToken)
    {
        var next = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var scenario = plan[i];
            var count = i == plan.Count - 1 ? leadCount - next : (int)Math.Round(leadCount * scenario.Share);
            var leads = Enumerable.Range(next, count)
                .Select(n => new SentLead(n, runId, IsBroken(scenario, n - next) ? BridgeStack.BrokenRoute : BridgeStack.Route, scenario.Name))
                .ToList();
            next += count;
            _leads.AddRange(leads);
            await RunScenarioAsync(scenario, leads, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until both delivery queues are empty and every acknowledged lead is a record or a dead letter, or the
    /// deadline passes. Returns how long it took.
    /// </summary>
    public async Task<TimeSpan> DrainAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var acknowledged = _leads.Where(l => l.Acknowledged).Select(l => l.Number).ToHashSet();
        var quietChecks = 0;
        while (watch.Elapsed < deadline)
        {
            var pending = await stack.Storage.PendingMessagesAsync(cancellationToken);
            var records = await stack.Simulator.RecordCountsAsync(runId, BridgeStack.InitiativeId, cancellationToken);
            var deadLetters = await stack.Storage.DeadLetteredLeadsAsync(runId, cancellationToken);
            var unresolved = acknowledged.Count(n => !records.ContainsKey(n) && !deadLetters.Contains(n));
            quietChecks = pending == 0 && unresolved == 0 ? quietChecks + 1 : 0;
            if (quietChecks >= 2)
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed.Seconds % 10 == 0)
            {
                log($"draining: {pending} queued, {unresolved} acknowledged leads not yet a record or dead letter ({watch.Elapsed.TotalSeconds:F0} s)");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        log($"drain deadline of {deadline.TotalSeconds:F0} s passed");
        return watch.Elapsed;
    }

    private static bool IsBroken(Scenario scenario, int index) =>
        scenario.BrokenShare > 0 && index % Math.Max(1, (int)Math.Round(1 / scenario.BrokenShare)) == 0;

    private async Task RunScenarioAsync(Scenario scenario, List<SentLead> leads, CancellationToken cancellationToken)
    {
        log($"scenario '{scenario.Name}': {leads.Count} leads; faults: {(scenario.Faults.Count == 0 ? "none" : string.Join(", ", scenario.Faults))}; disruption: {scenario.Disruption}");
        await stack.Simulator.ClearFaultsAsync(cancellationToken);
        foreach (var fault in scenario.Faults)
        {
            await stack.Simulator.InjectAsync(fault, cancellationToken);
        }

        using var http = stack.CreateSenderClient(_senderTimeout);
        var sender = new LeadSender(http, _senderPatience);
        var started = 0;
        var watch = Stopwatch.StartNew();
        var disruption = DisruptAsync(scenario.Disruption, () => Volatile.Read(ref started) >= leads.Count / 4, cancellationToken);
        await Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = Senders, CancellationToken = cancellationToken }, async (lead, ct) =>
        {
            Interlocked.Increment(ref started);
            if (Scenario.PostedTwiceAtOnce(lead.Number))
            {
                await Task.WhenAll(sender.SendAsync(lead, ct), sender.SendAsync(lead, ct));
            }
            else
            {
                await sender.SendAsync(lead, ct);
            }

            if (Scenario.PostedAgainLater(lead.Number))
            {
                await sender.SendAsync(lead, ct);
            }
        });
        await disruption;
        await stack.Simulator.ClearFaultsAsync(cancellationToken);
        Interlocked.Add(ref _senderRetries, sender.Retries);
        var result = new ScenarioResult(scenario.Name, leads, watch.Elapsed);
        _scenarios.Add(result);
        log($"  {result}");
    }

    private async Task DisruptAsync(Disruption disruption, Func<bool> when, CancellationToken cancellationToken)
    {
        if (disruption == Disruption.None)
        {
            return;
        }

        while (!when())
        {
            await Task.Delay(20, cancellationToken);
        }

        if (disruption.HasFlag(Disruption.DevHostKill))
        {
            log("  SIGKILL DevHost");
            await stack.DevHost.KillAsync();
            DevHostKills++;
            await Task.Delay(_downAfterKill, cancellationToken);
            if (!disruption.HasFlag(Disruption.StorageOutage))
            {
                await stack.DevHost.StartAsync(cancellationToken);
                log("  DevHost restarted");
                return;
            }
        }

        log("  stopping Azurite");
        await AzuriteOutage.StopGracefullyAsync(stack.Azurite);
        StorageOutages++;

        // With both, the DevHost comes back while storage is still down, as after a crash during an outage.
        var devHostBack = disruption.HasFlag(Disruption.DevHostKill) ? stack.DevHost.StartAsync(cancellationToken) : Task.CompletedTask;
        await Task.Delay(_outage, cancellationToken);
        await AzuriteOutage.RestartAsync(stack.Azurite, cancellationToken);
        log("  Azurite restarted on the same location");
        await devHostBack;
    }
}

/// <summary>What one scenario's senders saw.</summary>
internal sealed record ScenarioResult(string Name, IReadOnlyList<SentLead> Leads, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Leads.Count} leads in {Elapsed.TotalSeconds:F1} s: {Leads.Count(l => l.Acknowledged)} acknowledged, {Leads.Count(l => l.Rejected)} refused; answers {StatusTally.Describe(Leads)}; {Leads.Sum(l => l.TransportFailures)} dropped connections";
}

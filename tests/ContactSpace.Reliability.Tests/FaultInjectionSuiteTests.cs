using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContactSpace.Reliability.Tests.Harness;
using ContactSpace.Testing;
using Xunit.Abstractions;

namespace ContactSpace.Reliability.Tests;

/// <summary>
/// Issue 4's fault-injection suite: a few thousand leads through the DevHost over real HTTP, with Azurite and the
/// simulator in their own processes, while contactSPACE fails in every way it can, storage goes away and the host
/// is killed. Sized by <c>RELIABILITY_LEADS</c> (default 2000) to finish in a few minutes on 2 cores.
/// </summary>
public sealed class FaultInjectionSuiteTests(ITestOutputHelper output)
{
    private const int DefaultLeads = 2000;
    private static readonly TimeSpan _drainDeadline = TimeSpan.FromSeconds(SettingOrDefault("RELIABILITY_DRAIN_SECONDS", 180));

    [Fact]
    public async Task Every_acknowledged_lead_becomes_one_record_or_a_dead_letter_through_faults_outages_and_crashes()
    {
        var leadCount = SettingOrDefault("RELIABILITY_LEADS", DefaultLeads);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var work = Path.Combine(Path.GetTempPath(), "contactspace-reliability-" + runId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(SettingOrDefault("RELIABILITY_TIMEOUT_MINUTES", 15)));
        var cancellationToken = timeout.Token;

        await using var stack = await BridgeStack.StartAsync(work, cancellationToken);
        var run = new SuiteRun(stack, runId, Log);
        var sending = Stopwatch.StartNew();
        await run.RunAsync(Scenario.Plan, leadCount, cancellationToken);
        sending.Stop();
        var drain = await run.DrainAsync(_drainDeadline, cancellationToken);

        var records = await stack.Simulator.RecordCountsAsync(runId, BridgeStack.InitiativeId, cancellationToken);
        var deadLetters = await stack.Storage.DeadLetteredLeadsAsync(runId, cancellationToken);
        var calls = await stack.Simulator.CallCountsAsync(cancellationToken);
        var verdict = Verdict.Of(run.Leads, records, deadLetters);
        var figures = new Figures(
            verdict,
            Posts: run.Leads.Sum(l => l.Posts),
            run.SenderRetries,
            Answers503: run.Leads.Sum(l => l.Statuses.Count(s => s == 503)),
            DroppedConnections: run.Leads.Sum(l => l.TransportFailures),
            InsertCalls: calls.GetValueOrDefault("InsertRecord"),
            SearchCalls: calls.GetValueOrDefault("SearchRecord"),
            run.StorageOutages,
            run.DevHostKills,
            sending.Elapsed,
            drain);
        var report = figures.ToMarkdown(run.Scenarios);
        Log(report);
        WriteFigures(leadCount, report);

        Assert.True(verdict.Holds, await ViolationsAsync(verdict, run.Leads, records, stack, cancellationToken));
    }

    private static int SettingOrDefault(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : fallback;

    /// <summary>The figures go to TestResults/ (or RELIABILITY_REPORT): docs/reliability.md quotes a recorded run.</summary>
    private static void WriteFigures(int leadCount, string report)
    {
        var path = Environment.GetEnvironmentVariable("RELIABILITY_REPORT") is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.Combine("TestResults", "reliability-figures.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, $"Fault-injection suite, {leadCount} leads, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores\n\n{report}");
    }

    /// <summary>Names each broken lead: its scenario, what its sender saw, and the DevHost's log lines about it.</summary>
    private static async Task<string> ViolationsAsync(
        Verdict verdict, IReadOnlyList<SentLead> leads, IReadOnlyDictionary<int, int> records, BridgeStack stack, CancellationToken cancellationToken)
    {
        var byNumber = leads.ToDictionary(l => l.Number);
        var devHostLog = File.Exists(stack.DevHost.LogPath) ? File.ReadAllLines(stack.DevHost.LogPath) : [];
        var pending = await stack.Storage.PendingMessagesAsync(cancellationToken);
        var visible = await stack.Storage.VisibleDeliveryMessagesAsync(cancellationToken);
        var text = new StringBuilder("Invariants broken (logs in ").Append(stack.LogFolder)
            .AppendLine(CultureInfo.InvariantCulture, $"); {pending} messages left on the delivery and poison queues, {visible} of them visible:");
        var rows = new Dictionary<int, string>();
        foreach (var lead in verdict.Lost.Concat(verdict.Duplicated).Take(20).Select(byNumber.GetValueOrDefault))
        {
            if (lead?.LeadId is { } leadId)
            {
                rows[lead.Number] = await stack.Storage.DescribeLeadAsync(leadId, cancellationToken);
            }
        }

        void Describe(string what, IEnumerable<int> numbers)
        {
            foreach (var number in numbers.Take(10))
            {
                var lead = byNumber.GetValueOrDefault(number);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"- {what}: lead {number} ({lead?.Scenario ?? "not sent by this run"}, route {lead?.Route}, key {lead?.IdempotencyKey}, lead id {lead?.LeadId ?? "?"}), " +
                    $"answers [{string.Join(' ', lead?.Statuses ?? [])}], {lead?.TransportFailures ?? 0} dropped, {records.GetValueOrDefault(number)} records");
                if (rows.TryGetValue(number, out var row))
                {
                    text.Append("    Leads row: ").AppendLine(row);
                }

                foreach (var line in devHostLog.Where(l => lead?.LeadId is { } id && l.Contains(id, StringComparison.Ordinal)).Take(8))
                {
                    text.Append("    ").AppendLine(line);
                }
            }
        }

        Describe("duplicated", verdict.Duplicated);
        Describe("lost", verdict.Lost);
        Describe("record without an acknowledged lead", verdict.RecordsWithoutAcknowledgedLead);
        Describe("refused without a dead letter", verdict.RejectedWithoutDeadLetter);
        if (verdict.ServerErrors > 0)
        {
            Describe("answered 500", leads.Where(l => l.Statuses.Contains(500)).Select(l => l.Number));
        }

        return text.ToString();
    }

    private void Log(string message)
    {
        output.WriteLine(message);
        Console.WriteLine(message);
    }
}

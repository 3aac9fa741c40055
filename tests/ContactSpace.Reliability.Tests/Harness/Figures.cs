using System.Globalization;
using System.Text;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>The run's figures as a Markdown table, for the test output and docs/reliability.md.</summary>
internal sealed record Figures(
    Verdict Verdict,
    int Posts,
    long SenderRetries,
    int Answers503,
    int DroppedConnections,
    int InsertCalls,
    int SearchCalls,
    int StorageOutages,
    int DevHostKills,
    TimeSpan Sending,
    TimeSpan Drain)
{
    public string ToMarkdown(IEnumerable<ScenarioResult> scenarios)
    {
        var v = Verdict;
        var text = new StringBuilder()
            .AppendLine("| figure | value |")
            .AppendLine("|---|---:|");
        void Row(string name, object value) => text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        Row("leads sent", v.Sent);
        Row("posts (first tries, sender retries, duplicate posts)", Posts);
        Row("sender retries (503/429/409 answers, dropped connections, timeouts)", SenderRetries);
        Row("acknowledged (2xx)", v.Acknowledged);
        Row("refused for good (4xx)", v.Rejected);
        Row("senders that gave up", v.GaveUp);
        Row("delivered: exactly one record", v.Delivered);
        Row("dead-lettered with a reason (acknowledged, no record)", v.DeadLettered);
        Row("**duplicates** (leads with more than one record)", v.Duplicated.Count);
        Row("**lost** (acknowledged, no record, no dead letter)", v.Lost.Count);
        Row("**records without an acknowledged lead**", v.RecordsWithoutAcknowledgedLead.Count);
        Row("refused without a dead letter", v.RejectedWithoutDeadLetter.Count);
        Row("delivered and also dead-lettered", v.DeliveredAndDeadLettered.Count);
        Row("**500 answers**", v.ServerErrors);
        Row("503 answers (storage down, sender retried)", Answers503);
        Row("dropped connections seen by senders", DroppedConnections);
        Row("InsertRecord calls at contactSPACE (bridge attempts)", InsertCalls);
        Row("SearchRecord calls (dedupe checks)", SearchCalls);
        Row("storage outages / DevHost SIGKILLs", $"{StorageOutages} / {DevHostKills}");
        Row("time sending", $"{Sending.TotalSeconds:F1} s");
        Row("time to drain after the last post", $"{Drain.TotalSeconds:F1} s");
        text.AppendLine()
            .AppendLine("| scenario | leads | acknowledged | refused | answers |")
            .AppendLine("|---|---:|---:|---:|---|");
        foreach (var s in scenarios)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Leads.Count} | {s.Leads.Count(l => l.Acknowledged)} | {s.Leads.Count(l => l.Rejected)} | {StatusTally.Describe(s.Leads)}; {s.Leads.Sum(l => l.TransportFailures)} dropped |");
        }

        return text.ToString();
    }
}

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// The invariants checked at the end of a run, from what the senders saw, the records the simulator holds and the
/// dead letters in storage. Pure, so the classification itself is tested on its own.
/// </summary>
internal sealed record Verdict(
    int Sent,
    int Acknowledged,
    int Rejected,
    int GaveUp,
    int Delivered,
    int DeadLettered,
    IReadOnlyList<int> Duplicated,
    IReadOnlyList<int> Lost,
    IReadOnlyList<int> RecordsWithoutAcknowledgedLead,
    IReadOnlyList<int> RejectedWithoutDeadLetter,
    IReadOnlyList<int> DeliveredAndDeadLettered,
    int ServerErrors)
{
    public bool Holds => Duplicated.Count == 0 && Lost.Count == 0 && RecordsWithoutAcknowledgedLead.Count == 0
        && RejectedWithoutDeadLetter.Count == 0 && ServerErrors == 0;

    /// <param name="leads">Every lead sent.</param>
    /// <param name="recordCounts">Lead number → records in contactSPACE carrying its marker.</param>
    /// <param name="deadLettered">Lead numbers with a dead letter that gives a reason.</param>
    public static Verdict Of(IReadOnlyCollection<SentLead> leads, IReadOnlyDictionary<int, int> recordCounts, IReadOnlySet<int> deadLettered)
    {
        int Records(int number) => recordCounts.GetValueOrDefault(number);
        var acknowledged = leads.Where(l => l.Acknowledged).ToList();
        var acknowledgedNumbers = acknowledged.Select(l => l.Number).ToHashSet();
        var rejected = leads.Where(l => l.Rejected).ToList();

        return new Verdict(
            Sent: leads.Count,
            Acknowledged: acknowledged.Count,
            Rejected: rejected.Count,
            GaveUp: leads.Count(l => !l.Acknowledged && !l.Rejected),
            Delivered: acknowledged.Count(l => Records(l.Number) == 1),
            DeadLettered: acknowledged.Count(l => Records(l.Number) == 0 && deadLettered.Contains(l.Number)),
            Duplicated: [.. recordCounts.Where(p => p.Value > 1).Select(p => p.Key).Order()],
            Lost: [.. acknowledged.Where(l => Records(l.Number) == 0 && !deadLettered.Contains(l.Number)).Select(l => l.Number).Order()],
            RecordsWithoutAcknowledgedLead: [.. recordCounts.Where(p => p.Value > 0 && !acknowledgedNumbers.Contains(p.Key)).Select(p => p.Key).Order()],
            RejectedWithoutDeadLetter: [.. rejected.Where(l => !deadLettered.Contains(l.Number)).Select(l => l.Number).Order()],
            DeliveredAndDeadLettered: [.. acknowledged.Where(l => Records(l.Number) == 1 && deadLettered.Contains(l.Number)).Select(l => l.Number).Order()],
            ServerErrors: leads.Sum(l => l.Statuses.Count(s => s == 500)));
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ContactSpace.Bridge.Polling;

/// <summary>Where a delivered lead stands with call-outcome tracking.</summary>
public static class OutcomeTrackingState
{
    public const string Polling = "Polling";
    public const string Final = "Final";
    public const string Expired = "Expired";
}

/// <summary>
/// A tracked lead in <c>CallOutcomes</c> (partition = lead id, row key <c>lead</c>): the record it became,
/// its latest outcome, and the key of its pending schedule row so the push receiver can stop polling.
/// </summary>
public sealed class TrackedLeadEntity : ITableEntity
{
    public const string LeadRowKey = "lead";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = LeadRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Route { get; set; }

    public long InitiativeId { get; set; }

    public long DatasetId { get; set; }

    public long RecordId { get; set; }

    public DateTimeOffset DeliveredAt { get; set; }

    public string State { get; set; } = OutcomeTrackingState.Polling;

    /// <summary>The row key of the pending <see cref="OutcomeDueEntity"/>; null once polling stopped.</summary>
    public string? DueKey { get; set; }

    public long? LatestCallId { get; set; }

    public long? LatestUserId { get; set; }

    public long? LatestOutcomeId { get; set; }

    public string? LatestOutcomeName { get; set; }

    public DateTimeOffset? LatestCompletedAt { get; set; }

    public bool IsFinal { get; set; }
}

/// <summary>One call on a lead in <c>CallOutcomes</c> (partition = lead id, row key <c>call-{callId}</c>).</summary>
public sealed class LeadCallEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long CallId { get; set; }

    public long UserId { get; set; }

    public long OutcomeId { get; set; }

    public string? OutcomeName { get; set; }

    public DateTimeOffset CompletedAt { get; set; }

    /// <summary><c>poll</c> or <c>push</c>: which path saw the call first is not tracked, only the last writer.</summary>
    public string? Source { get; set; }

    public static string RowKeyFor(long callId) => "call-" + callId.ToString("D19", CultureInfo.InvariantCulture);
}

/// <summary>
/// Record id → lead id in <c>CallOutcomes</c> (partition <c>record-{recordId}</c>, row key <c>lead</c>), so the
/// push receiver finds the lead from GetRecord's answer with one point read.
/// </summary>
public sealed class RecordIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = TrackedLeadEntity.LeadRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LeadId { get; set; } = string.Empty;

    public static string PartitionKeyFor(long recordId) => "record-" + recordId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The call-outcome schedule in <c>PollingState</c>: partition <c>outcome-due</c>, row key
/// <c>{due time ticks, 19 digits}|{lead id}</c>, so "everything due now" is one range query in due order.
/// It carries what a poll needs, so an unchanged lead costs no read of its lead row.
/// </summary>
public sealed class OutcomeDueEntity : ITableEntity
{
    public const string Partition = "outcome-due";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LeadId { get; set; } = string.Empty;

    public long InitiativeId { get; set; }

    public long RecordId { get; set; }

    public DateTimeOffset DeliveredAt { get; set; }

    public int PollCount { get; set; }

    public long? LatestCallId { get; set; }

    public static string RowKeyFor(DateTimeOffset dueAt, string leadId) =>
        dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + leadId;

    /// <summary>An exclusive upper bound for row keys due at or before <paramref name="now"/>.</summary>
    public static string UpperBoundFor(DateTimeOffset now) =>
        now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~";
}

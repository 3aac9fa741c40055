using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// One row per contactSPACE user in <c>AgentStatus</c>: the current status and since when. All rows share one
/// partition so a cycle's changes go out in as few transactions as possible (100 rows each).
/// </summary>
public sealed class AgentStatusEntity : ITableEntity
{
    public const string Partition = "agents";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long UserId { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? Surname { get; set; }

    public string Status { get; set; } = string.Empty;

    /// <summary>When the poller first saw the current status (within one cycle of the real change).</summary>
    public DateTimeOffset StatusSince { get; set; }

    /// <summary>Set only for agents logged out long enough to be checked less often: when to check next.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    public static string KeyFor(long userId) => userId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One row per status spell in <c>AgentStatusHistory</c>: partition = user id, row key = start time (sortable
/// ISO 8601), so a user's day is one range query. The open spell has no end.
/// </summary>
public sealed class AgentStatusHistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long UserId { get; set; }

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>True while the spell lasts (tables cannot filter on a missing property).</summary>
    public bool IsOpen { get; set; }

    public static string RowKeyFor(DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

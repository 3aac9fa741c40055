namespace ContactSpace.Bridge.Leads;

/// <summary>
/// Takes a prepared lead the rest of the way: idempotency, then deliver now within the budget or store durably.
/// The answer decides the response; a 2xx outcome means the lead is delivered or durably stored.
/// </summary>
public interface ILeadAcceptor
{
    Task<AcceptanceResult> AcceptAsync(PreparedLead lead, CancellationToken cancellationToken);
}

public enum AcceptanceStatus
{
    /// <summary>Inserted now: 201 with the record id.</summary>
    Delivered,

    /// <summary>Durably queued for delivery: 202.</summary>
    Queued,

    /// <summary>contactSPACE refused it for good: 422 with its message; the lead is kept as a dead letter.</summary>
    Rejected,

    /// <summary>The same idempotency key is still being handled: 409.</summary>
    InFlight,

    /// <summary>The same idempotency key came with a different payload: 422.</summary>
    KeyReusedWithDifferentPayload,

    /// <summary>Storage is unreachable and the lead could not be delivered: 503 with Retry-After.</summary>
    Unavailable,
}

/// <summary>What became of a lead. <see cref="IsRepeat"/> marks an idempotent replay of an earlier answer.</summary>
public sealed record AcceptanceResult(AcceptanceStatus Status, string? LeadId, long? RecordId = null, string? Message = null)
{
    public bool IsRepeat { get; init; }

    /// <summary>For <see cref="AcceptanceStatus.Unavailable"/>: how long the sender should wait.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

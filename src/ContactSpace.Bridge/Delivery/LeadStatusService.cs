using ContactSpace.Bridge.Leads;

namespace ContactSpace.Bridge.Delivery;

/// <summary>Where a lead is, for <c>GET /api/leads/{leadId}</c>: a flat, JSON-friendly view without personal data.</summary>
public sealed class LeadStatusService
{
    private readonly DeliveryStorage _storage;
    private readonly LeadsTable _leads;
    private readonly ILeadOutcomeReader? _outcomes;

    internal LeadStatusService(DeliveryStorage storage, LeadsTable leads, IEnumerable<ILeadOutcomeReader> outcomeReaders)
    {
        _storage = storage;
        _leads = leads;
        _outcomes = outcomeReaders.FirstOrDefault();
    }

    /// <summary>The lead's status, or null when no such lead exists.</summary>
    public async Task<LeadStatusView?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var row = await _leads.GetAsync(leadId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var outcome = row.Status == LeadState.Delivered && _outcomes is not null
            ? await _outcomes.GetLatestAsync(row.LeadId, cancellationToken).ConfigureAwait(false)
            : null;
        return new LeadStatusView
        {
            LeadId = row.LeadId,
            Route = row.Route,
            Status = StatusName(row.Status),
            RecordId = row.RecordId,
            Attempts = row.Attempts,
            ReceivedAt = row.ReceivedAt,
            UpdatedAt = row.UpdatedAt,
            DeliveredAt = row.DeliveredAt,
            NextAttemptAt = row.Status is LeadState.Queued ? row.NextAttemptAt : null,
            DeadLetterReason = row.Status is LeadState.DeadLettered or LeadState.Discarded ? row.DeadLetterReason?.ToString() : null,
            LastError = row.Status is LeadState.Delivered ? null : row.LastError,
            PossibleDuplicate = row.PossibleDuplicate,
            OutcomeCallId = outcome?.CallId,
            OutcomeUserId = outcome?.UserId,
            OutcomeId = outcome?.OutcomeId,
            OutcomeName = outcome?.OutcomeName,
            OutcomeAt = outcome?.CompletedAt,
            OutcomeIsFinal = outcome?.IsFinal,
        };
    }

    /// <summary>The status names the API shows.</summary>
    public static string StatusName(LeadState state) => state switch
    {
        LeadState.Received => "received",
        LeadState.Queued => "queued",
        LeadState.Delivered => "delivered",
        LeadState.DeadLettered => "dead-lettered",
        LeadState.Discarded => "discarded",
        _ => "unknown",
    };
}

/// <summary>A lead's status (flat, for Power Automate and Zapier lookups).</summary>
public sealed record LeadStatusView
{
    public required string LeadId { get; init; }

    public required string Route { get; init; }

    /// <summary><c>received</c>, <c>queued</c>, <c>delivered</c>, <c>dead-lettered</c> or <c>discarded</c>.</summary>
    public required string Status { get; init; }

    public long? RecordId { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>For queued leads: when the next attempt is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? DeadLetterReason { get; init; }

    /// <summary>A data-free description of the last failure, e.g. <c>InsertRecord failed (HTTP 503)</c>.</summary>
    public string? LastError { get; init; }

    /// <summary>The lead may exist twice in contactSPACE (ambiguous failure on a route without a dedupe field).</summary>
    public bool PossibleDuplicate { get; init; }

    public long? OutcomeCallId { get; init; }

    public long? OutcomeUserId { get; init; }

    public long? OutcomeId { get; init; }

    public string? OutcomeName { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }

    public bool? OutcomeIsFinal { get; init; }
}

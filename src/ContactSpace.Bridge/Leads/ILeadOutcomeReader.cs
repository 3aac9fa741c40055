namespace ContactSpace.Bridge.Leads;

/// <summary>The latest call outcome of a lead, for <c>GET /api/leads/{leadId}</c>. Implemented by the pollers.</summary>
public interface ILeadOutcomeReader
{
    Task<LeadOutcome?> GetLatestAsync(string leadId, CancellationToken cancellationToken);
}

/// <summary>The last call on a lead and what it came to.</summary>
public sealed record LeadOutcome(long CallId, long? UserId, long OutcomeId, string? OutcomeName, DateTimeOffset CompletedAt, bool IsFinal);

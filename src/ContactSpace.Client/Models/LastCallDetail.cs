namespace ContactSpace.Client;

/// <summary>One call made on a record, as GetLastCall returns it.</summary>
public sealed record LastCallDetail(long CallId, long UserId, long OutcomeId, DateTime CompletedDateTime);

namespace ContactSpace.Client;

/// <summary>A span of agent activity (AgentStatusHistory, AgentFirstLastActivity). Times are the account's local time as sent.</summary>
/// <param name="CallId">The call the activity belongs to, when the answer names one.</param>
/// <param name="StartTime">When the activity started.</param>
/// <param name="EndTime">When it ended, or null while it is still going on.</param>
/// <param name="Detail">The status text (e.g. "Paused - Training"), when the answer gives one.</param>
public sealed record AgentActivity(long? CallId, DateTime StartTime, DateTime? EndTime, string? Detail);

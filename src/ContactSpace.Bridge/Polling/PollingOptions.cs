using System.ComponentModel.DataAnnotations;
using ContactSpace.Bridge.Intake;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// Agent-status and call-outcome polling, the push receiver and hot-lead routing (<c>Bridge:Polling</c>).
/// Timer schedules themselves are the flat app settings <c>AgentStatusSchedule</c> and <c>CallOutcomeSchedule</c>.
/// </summary>
public sealed class PollingOptions
{
    public const string SectionName = "Bridge:Polling";

    /// <summary>How often the user list is read again with GetUsers (users change rarely; statuses often).</summary>
    public TimeSpan UserRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an agent must have been logged out before being checked less often.</summary>
    public TimeSpan LoggedOutBackoffAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an agent logged out for longer than <see cref="LoggedOutBackoffAfter"/> is checked.</summary>
    public TimeSpan LoggedOutCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Statuses that count as logged out (compared case-insensitively). Empty: "Logged Out".</summary>
    // Collections start empty: the configuration binder appends to existing items rather than replacing them.
    public IList<string> LoggedOutStatuses { get; } = [];

    internal IReadOnlyCollection<string> EffectiveLoggedOutStatuses =>
        LoggedOutStatuses.Count > 0 ? [.. LoggedOutStatuses] : ["Logged Out"];

    /// <summary>Concurrent contactSPACE calls per cycle; the client's shared rate limiter still applies.</summary>
    [Range(1, 50)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// A cycle that starts sooner than this after the previous one finished is skipped: timers double-fire around
    /// deployments, and a second run right after the first would only spend calls.
    /// </summary>
    public TimeSpan MinimumCycleGap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a cycle holds its lease; a crashed holder's lease lapses after this.</summary>
    public TimeSpan CycleLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The contactSPACE account's time zone (IANA or Windows id): GetLastCall's times are local to it. Not a setting
    /// of its own: <c>AddPolling</c> copies <c>Bridge:AccountTimeZone</c>, the one zone intake uses too.
    /// </summary>
    public string AccountTimeZone { get; set; } = BridgeOptions.DefaultAccountTimeZone;

    public CallOutcomePollingOptions Outcomes { get; set; } = new();

    /// <summary>
    /// Outcomes after which a lead is no longer polled, per initiative id: outcome ids or names (names compared
    /// case-insensitively). The key <c>*</c> applies to every initiative.
    /// </summary>
    public IDictionary<string, IList<string>> FinalOutcomes { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The secret contactSPACE puts in the post-call URL (<c>?secret=</c>) or the <c>X-Bridge-Secret</c> header.
    /// Without it the push receiver refuses every post.
    /// </summary>
    public string? PushSecret { get; set; }

    public HotLeadOptions HotLead { get; set; } = new();
}

/// <summary>The adaptive schedule for GetLastCall on delivered leads.</summary>
public sealed class CallOutcomePollingOptions
{
    /// <summary>The first poll after delivery (a dialer usually calls a new lead within minutes).</summary>
    public TimeSpan FirstPollAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Each later interval is the previous one times this factor.</summary>
    [Range(1.0, 10.0)]
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>The longest interval between two polls of one lead.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>After this long since delivery a lead is no longer polled (the push receiver still updates it).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Leads polled per cycle at most; the rest stay due for the next cycle, oldest first.</summary>
    [Range(1, 100_000)]
    public int MaxLeadsPerCycle { get; set; } = 1_000;

    /// <summary>How long outcome names from GetOutcome are reused before they are read again.</summary>
    public TimeSpan OutcomeNamesCacheDuration { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Which agents can receive a hot lead.</summary>
public sealed class HotLeadOptions
{
    /// <summary>Statuses that mean "ready for a call" (compared case-insensitively). Empty: "Available".</summary>
    public IList<string> Statuses { get; } = [];

    internal IReadOnlyCollection<string> EffectiveStatuses => Statuses.Count > 0 ? [.. Statuses] : ["Available"];

    /// <summary>When not empty, only these contactSPACE user ids get hot leads.</summary>
    public IList<long> UserIds { get; } = [];

    /// <summary>
    /// Statuses older than this (the agent-status poller has not finished a cycle since) are not trusted:
    /// the lead then goes in with InsertRecord rather than to an agent who may have left.
    /// </summary>
    public TimeSpan MaxStatusAge { get; set; } = TimeSpan.FromMinutes(5);
}

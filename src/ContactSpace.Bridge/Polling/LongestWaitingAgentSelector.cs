using System.Collections.Concurrent;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// Hot-lead routing: the available agent (by <see cref="HotLeadOptions"/>) who has waited longest, from the
/// <c>AgentStatus</c> table. Null when nobody qualifies or the statuses are stale, and delivery falls back to
/// InsertRecord. An agent handed a lead counts as waiting only from then, so a burst of hot leads between two
/// status polls is spread over the available agents instead of all queued for one.
/// </summary>
public sealed partial class LongestWaitingAgentSelector(
    PollingTables tables,
    CycleLease lease,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<LongestWaitingAgentSelector> logger) : IHotLeadAgentSelector
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastHandedAt = new();
    private readonly Lock _pick = new();

    public async Task<long?> PickAgentAsync(MappedLead lead, CancellationToken cancellationToken)
    {
        var settings = options.Value.HotLead;
        var now = time.GetUtcNow();
        var lastPoll = await lease.GetLastCompletedAsync(AgentStatusPoller.CycleName, cancellationToken).ConfigureAwait(false);
        if (lastPoll is not { } polledAt || now - polledAt > settings.MaxStatusAge)
        {
            LogStale(logger, lastPoll);
            return null;
        }

        var statuses = settings.EffectiveStatuses;
        var allowed = settings.UserIds.Count > 0 ? settings.UserIds.ToHashSet() : null;
        var table = await tables.GetAsync(PollingTables.AgentStatus).ConfigureAwait(false);
        var candidates = new List<AgentStatusEntity>();
        await foreach (var row in table.QueryAsync<AgentStatusEntity>(e => e.PartitionKey == AgentStatusEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (statuses.Contains(row.Status, StringComparer.OrdinalIgnoreCase) && (allowed is null || allowed.Contains(row.UserId)))
            {
                candidates.Add(row);
            }
        }

        lock (_pick)
        {
            var chosen = candidates
                .OrderBy(WaitingSince)
                .ThenBy(c => _lastHandedAt.GetValueOrDefault(c.UserId))
                .ThenBy(c => c.UserId)
                .FirstOrDefault();
            if (chosen is null)
            {
                LogNobody(logger, lead.Route);
                return null;
            }

            _lastHandedAt[chosen.UserId] = now;
            return chosen.UserId;
        }
    }

    private DateTimeOffset WaitingSince(AgentStatusEntity agent) =>
        _lastHandedAt.TryGetValue(agent.UserId, out var handed) && handed > agent.StatusSince ? handed : agent.StatusSince;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hot lead not routed to an agent: agent statuses are stale (last poll {LastPoll:o}).")]
    private static partial void LogStale(ILogger logger, DateTimeOffset? lastPoll);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hot lead on route {Route}: no available agent, falling back to InsertRecord.")]
    private static partial void LogNobody(ILogger logger, string route);
}

using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Operating dead letters (the admin endpoints): list with filters and paging, show one, replay (re-mapped with the
/// route's current configuration, so a fixed mapping rescues them; the lead keeps its id and idempotency key), discard.
/// </summary>
public sealed class DeadLetterService
{
    public const int MaxPageSize = 200;
    private readonly DeliveryStorage _storage;
    private readonly DeadLetterStore _deadLetters;
    private readonly LeadsTable _leads;
    private readonly DeliveryQueue _queue;
    private readonly ILeadRemapper? _remapper;
    private readonly TimeProvider _time;
    private readonly ILogger<DeadLetterService> _logger;

    internal DeadLetterService(
        DeliveryStorage storage,
        DeadLetterStore deadLetters,
        LeadsTable leads,
        DeliveryQueue queue,
        IEnumerable<ILeadRemapper> remappers,
        TimeProvider time,
        ILogger<DeadLetterService> logger)
    {
        _storage = storage;
        _deadLetters = deadLetters;
        _leads = leads;
        _queue = queue;
        _remapper = remappers.FirstOrDefault();
        _time = time;
        _logger = logger;
    }

    public async Task<DeadLetterPage> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var filters = new List<string>();
        if (!string.IsNullOrEmpty(query.Route))
        {
            filters.Add(TableClient.CreateQueryFilter($"Route eq {query.Route}"));
        }

        if (query.Reason is { } reason)
        {
            filters.Add(TableClient.CreateQueryFilter($"Reason eq {reason.ToString()}"));
        }

        if (query.From is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"DeadLetteredAt ge {from}"));
        }

        if (query.To is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"DeadLetteredAt lt {to}"));
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var (items, continuation) = await _deadLetters.QueryPageAsync(
            filters.Count == 0 ? null : string.Join(" and ", filters), pageSize, query.ContinuationToken, cancellationToken).ConfigureAwait(false);
        return new DeadLetterPage([.. items.Select(DeadLetterSummary.From)], continuation);
    }

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _deadLetters.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReplayResult>> ReplayAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<ReplayResult>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            results.Add(await ReplayOneAsync(id, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Deletes the dead letter and the lead's personal data; the lead's row stays (Discarded) so repeats are still recognised.</summary>
    public async Task<bool> DiscardAsync(string id, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var deadLetter = await _deadLetters.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (deadLetter is null)
        {
            return false;
        }

        if (deadLetter.LeadId is { } leadId && await _leads.GetAsync(leadId, cancellationToken).ConfigureAwait(false) is { } row
            && row.Status != LeadState.Delivered)
        {
            row.Status = LeadState.Discarded;
            row.AttemptInProgress = false;
            row.UpdatedAt = _time.GetUtcNow();
            row.RemovePersonalData();
            await _leads.TryReplaceAsync(row, cancellationToken).ConfigureAwait(false);
        }

        await _deadLetters.DeleteAsync(deadLetter.Id, cancellationToken).ConfigureAwait(false);
        DeliveryLog.Discarded(_logger, deadLetter.Id);
        return true;
    }

    private async Task<ReplayResult> ReplayOneAsync(string id, CancellationToken cancellationToken)
    {
        var deadLetter = await _deadLetters.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (deadLetter is null)
        {
            return new ReplayResult(id, ReplayStatus.NotFound, []);
        }

        var row = deadLetter.LeadId is { } leadId ? await _leads.GetAsync(leadId, cancellationToken).ConfigureAwait(false) : null;
        if (row is null)
        {
            return new ReplayResult(id, ReplayStatus.NotReplayable, ["The dead letter names no stored lead (an unreadable message): discard it."]);
        }

        if (row.Status == LeadState.Delivered)
        {
            await _deadLetters.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            return new ReplayResult(id, ReplayStatus.AlreadyDelivered, []);
        }

        var (lead, problems) = Remap(deadLetter);
        if (lead is null)
        {
            return new ReplayResult(id, ReplayStatus.RemapFailed, problems);
        }

        // The row first: a message for a row still marked DeadLettered would be skipped. Replace drops the old
        // failure times, so the retry window starts again from this replay.
        var now = _time.GetUtcNow();
        var previous = row.Status;
        row.Status = LeadState.Queued;
        row.Attempts = 0;
        row.FirstErrorAt = null;
        row.LastErrorAt = null;
        row.DeadLetterReason = null;
        row.NextAttemptAt = now;
        row.CheckFirst = row.CheckFirst || row.AttemptInProgress;
        row.AttemptInProgress = false;
        row.Lead = lead;
        row.OriginalBody ??= deadLetter.OriginalBody?.ToArray();
        row.HasPersonalData = true;
        row.UpdatedAt = now;
        if (!await _leads.TryReplaceAsync(row, cancellationToken).ConfigureAwait(false))
        {
            return new ReplayResult(id, ReplayStatus.Conflict, ["The lead changed while it was being replayed; try again."]);
        }

        try
        {
            await _queue.SendAsync(new DeliveryMessage(row.LeadId, now, row.CheckFirst), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not queued: put the row back so the dead letter stays the truth and can be replayed again.
            row.Status = previous;
            await _leads.TryUpdateStateAsync(row, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await _deadLetters.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        DeliveryLog.Replayed(_logger, id, row.LeadId, row.Route);
        return new ReplayResult(id, ReplayStatus.Queued, []);
    }

    private (MappedLead? Lead, IReadOnlyList<string> Problems) Remap(DeadLetter deadLetter)
    {
        if (_remapper is not null && deadLetter.OriginalBody is { } body)
        {
            var result = _remapper.Remap(deadLetter.Route, body, deadLetter.OriginalContentType);
            return (result.Lead, result.Problems);
        }

        // No original post to map again (or no intake in this host): send the lead as it was mapped.
        return deadLetter.Lead is { } stored
            ? (stored, [])
            : (null, ["Neither the original post nor the mapped lead is stored."]);
    }
}

public sealed record DeadLetterQuery
{
    public string? Route { get; init; }

    public DeadLetterReason? Reason { get; init; }

    /// <summary>Dead-lettered at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Dead-lettered before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public int PageSize { get; init; } = 50;

    /// <summary>The token of the previous page, to read the next one.</summary>
    public string? ContinuationToken { get; init; }
}

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> Items, string? ContinuationToken);

/// <summary>A dead letter without personal data: what a listing shows.</summary>
public sealed record DeadLetterSummary(
    string Id,
    string? LeadId,
    string Route,
    string Reason,
    string? ServiceMessage,
    string? Detail,
    int Attempts,
    DateTimeOffset? FirstErrorAt,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset DeadLetteredAt)
{
    public static DeadLetterSummary From(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return new DeadLetterSummary(
            deadLetter.Id, deadLetter.LeadId, deadLetter.Route, deadLetter.Reason.ToString(), deadLetter.ServiceMessage, deadLetter.Detail,
            deadLetter.Attempts, deadLetter.FirstErrorAt, deadLetter.LastErrorAt, deadLetter.DeadLetteredAt);
    }
}

public enum ReplayStatus
{
    /// <summary>Re-mapped and on the delivery queue; the dead letter is gone.</summary>
    Queued,

    NotFound,

    /// <summary>The lead became a record after all; the dead letter was removed.</summary>
    AlreadyDelivered,

    /// <summary>The route's current mapping still refuses the post (see the problems).</summary>
    RemapFailed,

    /// <summary>Nothing to replay (an unreadable message, or no stored lead).</summary>
    NotReplayable,

    /// <summary>Someone else changed the lead meanwhile.</summary>
    Conflict,
}

public sealed record ReplayResult(string Id, ReplayStatus Status, IReadOnlyList<string> Problems);

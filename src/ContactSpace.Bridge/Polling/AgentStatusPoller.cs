using System.Collections.Concurrent;
using Azure.Data.Tables;
using ContactSpace.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// One agent-status cycle (the <c>PollAgentStatus</c> timer): reads users on their own slower schedule, asks
/// contactSPACE for each due agent's status with bounded concurrency, and writes only what changed:
/// the <c>AgentStatus</c> row and a closed plus a new <c>AgentStatusHistory</c> spell per change.
/// Agents logged out for a while are checked less often.
/// </summary>
public sealed partial class AgentStatusPoller(
    ContactSpaceClient client,
    PollingTables tables,
    CycleLease lease,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<AgentStatusPoller> logger)
{
    public const string CycleName = "agent-status";

    public async Task<AgentStatusCycleResult> RunCycleAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        if (isPastDue)
        {
            LogPastDue(logger);
        }

        var handle = await lease.TryAcquireAsync(CycleName, cancellationToken).ConfigureAwait(false);
        if (handle is null)
        {
            return AgentStatusCycleResult.Skipped;
        }

        var succeeded = false;
        try
        {
            var result = await RunLeasedAsync(handle, cancellationToken).ConfigureAwait(false);
            succeeded = true;
            LogCycle(logger, result.AgentsChecked, result.StatusChanges, result.Failures, result.UsersRefreshed);
            return result;
        }
        finally
        {
            // Released even when cancelled, so the next run does not wait for the lease to lapse.
            await handle.CompleteAsync(succeeded, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<AgentStatusCycleResult> RunLeasedAsync(LeaseHandle handle, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var statusTable = await tables.GetAsync(PollingTables.AgentStatus).ConfigureAwait(false);
        var historyTable = await tables.GetAsync(PollingTables.AgentStatusHistory).ConfigureAwait(false);
        var now = time.GetUtcNow();

        var rows = new Dictionary<long, AgentStatusEntity>();
        await foreach (var row in statusTable.QueryAsync<AgentStatusEntity>(e => e.PartitionKey == AgentStatusEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.UserId] = row;
        }

        IReadOnlyList<ContactSpaceUser>? users = null;
        if (handle.Checkpoint is not { } refreshedAt || now - refreshedAt >= settings.UserRefreshInterval || rows.Count == 0)
        {
            users = await client.GetUsersAsync(cancellationToken).ConfigureAwait(false);
            handle.Checkpoint = now;
        }

        var plan = new AgentStatusChanges(now);
        var known = users?.ToDictionary(u => u.Id) ?? rows.Values.ToDictionary(r => r.UserId, r => new ContactSpaceUser(r.UserId, r.Email ?? string.Empty, r.FirstName ?? string.Empty, r.Surname ?? string.Empty));
        if (users is not null)
        {
            foreach (var gone in rows.Values.Where(r => !known.ContainsKey(r.UserId)))
            {
                plan.Remove(gone);
            }
        }

        var due = known.Values.Where(u => !rows.TryGetValue(u.Id, out var row) || row.NextCheckAt is not { } next || next <= now).ToList();
        var observed = new ConcurrentBag<(ContactSpaceUser User, string Status)>();
        var failures = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (user, token) =>
            {
                try
                {
                    var status = await client.GetAgentStatusAsync(user.Id, token).ConfigureAwait(false);
                    observed.Add((user, status.Trim()));
                }
                catch (ContactSpaceException ex)
                {
                    // One agent's failure must not cost the others their update; the next cycle asks again.
                    Interlocked.Increment(ref failures);
                    LogStatusFailed(logger, user.Id, ex.FunctionName, ex.HttpStatus, ex.IsTransient);
                }
            }).ConfigureAwait(false);

        var loggedOut = settings.EffectiveLoggedOutStatuses;
        foreach (var (user, status) in observed)
        {
            rows.TryGetValue(user.Id, out var row);
            plan.Observe(user, row, status, loggedOut.Contains(status, StringComparer.OrdinalIgnoreCase), settings);
        }

        foreach (var user in known.Values)
        {
            if (users is not null && rows.TryGetValue(user.Id, out var row) && !plan.Touches(user.Id) && NamesDiffer(row, user))
            {
                plan.Rename(row, user);
            }
        }

        await TableBatches.SubmitAsync(statusTable, plan.StatusActions, cancellationToken).ConfigureAwait(false);
        await TableBatches.SubmitAsync(historyTable, plan.HistoryActions, cancellationToken).ConfigureAwait(false);
        return new AgentStatusCycleResult(true, due.Count, plan.StatusChangeCount, failures, users is not null);
    }

    private static bool NamesDiffer(AgentStatusEntity row, ContactSpaceUser user) =>
        !string.Equals(row.Email, user.Email, StringComparison.Ordinal)
        || !string.Equals(row.FirstName, user.FirstName, StringComparison.Ordinal)
        || !string.Equals(row.Surname, user.Surname, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent-status timer run is past due.")]
    private static partial void LogPastDue(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent-status cycle: {Checked} agents checked, {Changes} status changes, {Failures} failures, users refreshed: {Refreshed}.")]
    private static partial void LogCycle(ILogger logger, int @checked, int changes, int failures, bool refreshed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status of user {UserId} not read: {Function} failed (HTTP {HttpStatus}, transient: {IsTransient}).")]
    private static partial void LogStatusFailed(ILogger logger, long userId, string function, int? httpStatus, bool isTransient);
}

/// <summary>What a cycle did. <see cref="Ran"/> is false when the lease was held or the previous run just finished.</summary>
public sealed record AgentStatusCycleResult(bool Ran, int AgentsChecked, int StatusChanges, int Failures, bool UsersRefreshed)
{
    public static AgentStatusCycleResult Skipped { get; } = new(false, 0, 0, 0, false);
}

/// <summary>The table writes one cycle's observations call for; nothing is written for an unchanged agent.</summary>
internal sealed class AgentStatusChanges(DateTimeOffset now)
{
    private readonly List<TableTransactionAction> _status = [];
    private readonly List<TableTransactionAction> _history = [];
    private readonly HashSet<long> _touched = [];

    public IReadOnlyList<TableTransactionAction> StatusActions => _status;

    public IReadOnlyList<TableTransactionAction> HistoryActions => _history;

    public int StatusChangeCount { get; private set; }

    public bool Touches(long userId) => _touched.Contains(userId);

    public void Observe(ContactSpaceUser user, AgentStatusEntity? row, string status, bool isLoggedOut, PollingOptions settings)
    {
        if (row is not null && string.Equals(row.Status, status, StringComparison.Ordinal))
        {
            // Unchanged. Only a long logout earns a write: the next check moves out to save calls.
            if (isLoggedOut && now - row.StatusSince >= settings.LoggedOutBackoffAfter)
            {
                row.NextCheckAt = now + settings.LoggedOutCheckInterval;
                Upsert(row, user);
            }

            return;
        }

        StatusChangeCount++;
        if (row is not null)
        {
            CloseSpell(row);
        }

        var updated = row ?? new AgentStatusEntity { RowKey = AgentStatusEntity.KeyFor(user.Id), UserId = user.Id };
        updated.Status = status;
        updated.StatusSince = now;
        updated.NextCheckAt = null;
        Upsert(updated, user);
        _history.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new AgentStatusHistoryEntity
        {
            PartitionKey = AgentStatusEntity.KeyFor(user.Id),
            RowKey = AgentStatusHistoryEntity.RowKeyFor(now),
            UserId = user.Id,
            Status = status,
            StartedAt = now,
            IsOpen = true,
        }));
    }

    /// <summary>A user no longer returned by GetUsers: the current row goes and the open spell ends.</summary>
    public void Remove(AgentStatusEntity row)
    {
        _touched.Add(row.UserId);
        CloseSpell(row);
        _status.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
    }

    public void Rename(AgentStatusEntity row, ContactSpaceUser user) => Upsert(row, user);

    private void Upsert(AgentStatusEntity row, ContactSpaceUser user)
    {
        _touched.Add(user.Id);
        row.Email = user.Email;
        row.FirstName = user.FirstName;
        row.Surname = user.Surname;
        _status.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
    }

    // Replaced whole (not merged) so a repeated or half-finished cycle writes the same row again.
    private void CloseSpell(AgentStatusEntity row) =>
        _history.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new AgentStatusHistoryEntity
        {
            PartitionKey = AgentStatusEntity.KeyFor(row.UserId),
            RowKey = AgentStatusHistoryEntity.RowKeyFor(row.StatusSince),
            UserId = row.UserId,
            Status = row.Status,
            StartedAt = row.StatusSince,
            EndedAt = now,
            IsOpen = false,
        }));
}

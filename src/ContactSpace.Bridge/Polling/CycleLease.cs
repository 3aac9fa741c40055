using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// A table-row lease so that one polling cycle runs at a time across every instance. The row is claimed with
/// its ETag (optimistic concurrency), so two instances racing for it cannot both win. A cycle that starts within
/// <see cref="PollingOptions.MinimumCycleGap"/> of the previous one's end is refused: a double-fired timer does nothing.
/// </summary>
public sealed partial class CycleLease(PollingTables tables, TimeProvider time, IOptions<PollingOptions> options, ILogger<CycleLease> logger)
{
    internal const string PartitionKey = "lease";

    /// <summary>Claims the lease for <paramref name="cycleName"/>, or returns null when another run holds it or has just run.</summary>
    public async Task<LeaseHandle?> TryAcquireAsync(string cycleName, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(PollingTables.PollingState).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var settings = options.Value;
        var holder = Guid.NewGuid().ToString("N");

        var existing = await table.GetEntityIfExistsAsync<LeaseEntity>(PartitionKey, cycleName, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value is null)
        {
            var fresh = new LeaseEntity { PartitionKey = PartitionKey, RowKey = cycleName, Holder = holder, ExpiresAt = now + settings.CycleLeaseDuration };
            try
            {
                var added = await table.AddEntityAsync(fresh, cancellationToken).ConfigureAwait(false);
                fresh.ETag = added.Headers.ETag ?? default;
                return new LeaseHandle(table, fresh, time);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                LogLeaseBusy(logger, cycleName);
                return null;
            }
        }

        var lease = existing.Value;
        if (lease.ExpiresAt > now)
        {
            LogLeaseBusy(logger, cycleName);
            return null;
        }

        if (lease.LastCompletedAt is { } completed && now - completed < settings.MinimumCycleGap)
        {
            LogRanRecently(logger, cycleName, now - completed);
            return null;
        }

        lease.Holder = holder;
        lease.ExpiresAt = now + settings.CycleLeaseDuration;
        try
        {
            var updated = await table.UpdateEntityAsync(lease, lease.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            lease.ETag = updated.Headers.ETag ?? default;
            return new LeaseHandle(table, lease, time);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            LogLeaseBusy(logger, cycleName);
            return null;
        }
    }

    /// <summary>When a cycle last finished, for readers that must know how fresh the data is.</summary>
    public async Task<DateTimeOffset?> GetLastCompletedAsync(string cycleName, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(PollingTables.PollingState).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<LeaseEntity>(PartitionKey, cycleName, [nameof(LeaseEntity.LastCompletedAt)], cancellationToken).ConfigureAwait(false);
        return existing.HasValue ? existing.Value?.LastCompletedAt : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling cycle {Cycle} skipped: another run holds the lease.")]
    private static partial void LogLeaseBusy(ILogger logger, string cycle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling cycle {Cycle} skipped: the previous run finished {Ago} ago.")]
    private static partial void LogRanRecently(ILogger logger, string cycle, TimeSpan ago);
}

/// <summary>A held lease. <see cref="CompleteAsync"/> releases it and records the cycle's end and checkpoint.</summary>
public sealed class LeaseHandle
{
    private readonly TableClient _table;
    private readonly LeaseEntity _entity;
    private readonly TimeProvider _time;

    internal LeaseHandle(TableClient table, LeaseEntity entity, TimeProvider time)
    {
        _table = table;
        _entity = entity;
        _time = time;
    }

    /// <summary>A cycle-specific mark carried from one run to the next (the agent poller: when users were last read).</summary>
    public DateTimeOffset? Checkpoint
    {
        get => _entity.Checkpoint;
        set => _entity.Checkpoint = value;
    }

    /// <summary>Releases the lease; a lease taken over after expiry (412) is left to its new holder.</summary>
    public async Task CompleteAsync(bool succeeded, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _entity.ExpiresAt = now;
        if (succeeded)
        {
            _entity.LastCompletedAt = now;
        }

        try
        {
            await _table.UpdateEntityAsync(_entity, _entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // The lease lapsed and someone else took it: their row wins.
        }
    }
}

internal sealed class LeaseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = CycleLease.PartitionKey;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastCompletedAt { get; set; }

    public DateTimeOffset? Checkpoint { get; set; }
}

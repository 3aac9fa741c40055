using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using ContactSpace.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// One call-outcome cycle (the <c>PollCallOutcomes</c> timer): GetLastCall for the leads whose schedule row is
/// due, oldest first and at most <see cref="CallOutcomePollingOptions.MaxLeadsPerCycle"/>; new calls are recorded,
/// and each lead is scheduled again with a longer interval, or dropped when its outcome is final or its horizon passed.
/// </summary>
public sealed partial class CallOutcomePoller(
    ContactSpaceClient client,
    PollingTables tables,
    CycleLease lease,
    CallOutcomeRecorder recorder,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<CallOutcomePoller> logger)
{
    public const string CycleName = "call-outcomes";

    public async Task<CallOutcomeCycleResult> RunCycleAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        if (isPastDue)
        {
            LogPastDue(logger);
        }

        var handle = await lease.TryAcquireAsync(CycleName, cancellationToken).ConfigureAwait(false);
        if (handle is null)
        {
            return CallOutcomeCycleResult.Skipped;
        }

        var succeeded = false;
        try
        {
            var result = await RunLeasedAsync(cancellationToken).ConfigureAwait(false);
            succeeded = true;
            LogCycle(logger, result.LeadsPolled, result.NewOutcomes, result.Stopped, result.Failures);
            return result;
        }
        finally
        {
            await handle.CompleteAsync(succeeded, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The interval after a lead's <paramref name="pollsDone"/>-th poll: first interval × factor^n, capped.</summary>
    public static TimeSpan IntervalAfter(int pollsDone, CallOutcomePollingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ticks = settings.FirstPollAfter.Ticks * Math.Pow(settings.BackoffFactor, pollsDone);
        return ticks >= settings.MaxInterval.Ticks ? settings.MaxInterval : TimeSpan.FromTicks((long)ticks);
    }

    private async Task<CallOutcomeCycleResult> RunLeasedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var state = await tables.GetAsync(PollingTables.PollingState).ConfigureAwait(false);
        var now = time.GetUtcNow();

        var upper = OutcomeDueEntity.UpperBoundFor(now);
        var due = new List<OutcomeDueEntity>();
        var pageSize = Math.Min(settings.Outcomes.MaxLeadsPerCycle, 1_000);
        await foreach (var row in state.QueryAsync<OutcomeDueEntity>(
            e => e.PartitionKey == OutcomeDueEntity.Partition && e.RowKey.CompareTo(upper) < 0,
            maxPerPage: pageSize,
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(row);
            if (due.Count >= settings.Outcomes.MaxLeadsPerCycle)
            {
                break;
            }
        }

        var scheduleActions = new ConcurrentBag<TableTransactionAction>();
        int polled = 0, newOutcomes = 0, stopped = 0, failures = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (row, token) =>
            {
                ResolvedCalls? resolved = null;
                long? newestCallId = row.LatestCallId;
                if (now - row.DeliveredAt >= settings.Outcomes.Horizon)
                {
                    // Past the horizon: stop without spending a call.
                    Interlocked.Increment(ref stopped);
                    await recorder.WriteAsync(row.LeadId, null, Reschedule(row, null, newestCallId, now, settings.Outcomes, scheduleActions), token).ConfigureAwait(false);
                    return;
                }

                Interlocked.Increment(ref polled);
                try
                {
                    var calls = await client.GetLastCallAsync(row.InitiativeId, row.RecordId, token).ConfigureAwait(false);
                    var newest = calls.OrderBy(c => c.CompletedDateTime).ThenBy(c => c.CallId).LastOrDefault();
                    if (newest is not null && newest.CallId != row.LatestCallId)
                    {
                        resolved = await recorder.ResolveAsync(row.LeadId, row.InitiativeId, calls, "poll", token).ConfigureAwait(false);
                        newestCallId = newest.CallId;
                        Interlocked.Increment(ref newOutcomes);
                    }
                }
                catch (ContactSpaceException ex)
                {
                    // Counted as a poll: a lead contactSPACE keeps refusing backs off like any other.
                    Interlocked.Increment(ref failures);
                    LogPollFailed(logger, row.LeadId, ex.FunctionName, ex.HttpStatus, ex.IsTransient);
                }

                var schedule = Reschedule(row, resolved, newestCallId, now, settings.Outcomes, scheduleActions);
                if (schedule.DueKey is null)
                {
                    Interlocked.Increment(ref stopped);
                }

                await recorder.WriteAsync(row.LeadId, resolved, schedule, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        await SubmitScheduleAsync(state, scheduleActions, cancellationToken).ConfigureAwait(false);
        return new CallOutcomeCycleResult(true, polled, newOutcomes, stopped, failures);
    }

    private static LeadSchedule Reschedule(
        OutcomeDueEntity row,
        ResolvedCalls? resolved,
        long? newestCallId,
        DateTimeOffset now,
        CallOutcomePollingOptions settings,
        ConcurrentBag<TableTransactionAction> actions)
    {
        actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        if (resolved?.Latest.IsFinal == true)
        {
            return new LeadSchedule(OutcomeTrackingState.Final, null);
        }

        if (now - row.DeliveredAt >= settings.Horizon)
        {
            return new LeadSchedule(OutcomeTrackingState.Expired, null);
        }

        var next = new OutcomeDueEntity
        {
            RowKey = OutcomeDueEntity.RowKeyFor(now + IntervalAfter(row.PollCount + 1, settings), row.LeadId),
            LeadId = row.LeadId,
            InitiativeId = row.InitiativeId,
            RecordId = row.RecordId,
            DeliveredAt = row.DeliveredAt,
            PollCount = row.PollCount + 1,
            LatestCallId = newestCallId,
        };
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, next));
        return new LeadSchedule(OutcomeTrackingState.Polling, next.RowKey);
    }

    private async Task SubmitScheduleAsync(TableClient state, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var ordered = actions.OrderBy(a => a.Entity.RowKey, StringComparer.Ordinal).ToList();
        foreach (var chunk in ordered.Chunk(TableBatches.MaxActionsPerTransaction))
        {
            try
            {
                await state.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // The push receiver deleted a schedule row meanwhile (final outcome): apply the rest one by one.
                LogScheduleFallback(logger, chunk.Length);
                foreach (var action in chunk)
                {
                    await ApplyOneAsync(state, action, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task ApplyOneAsync(TableClient state, TableTransactionAction action, CancellationToken cancellationToken)
    {
        if (action.ActionType == TableTransactionActionType.Delete)
        {
            // DeleteEntityAsync treats a missing row as done.
            await state.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await state.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call-outcome timer run is past due.")]
    private static partial void LogPastDue(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-outcome cycle: {Polled} leads polled, {NewOutcomes} with new calls, {Stopped} no longer polled, {Failures} failures.")]
    private static partial void LogCycle(ILogger logger, int polled, int newOutcomes, int stopped, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of lead {LeadId} not read: {Function} failed (HTTP {HttpStatus}, transient: {IsTransient}).")]
    private static partial void LogPollFailed(ILogger logger, string leadId, string function, int? httpStatus, bool isTransient);

    [LoggerMessage(Level = LogLevel.Information, Message = "A schedule transaction of {Count} actions met a row already removed; applying them one by one.")]
    private static partial void LogScheduleFallback(ILogger logger, int count);
}

/// <summary>What a call-outcome cycle did (<see cref="LeadsPolled"/>: GetLastCall calls made). <see cref="Ran"/> is false when the lease was held or the previous run just finished.</summary>
public sealed record CallOutcomeCycleResult(bool Ran, int LeadsPolled, int NewOutcomes, int Stopped, int Failures)
{
    public static CallOutcomeCycleResult Skipped { get; } = new(false, 0, 0, 0, 0);
}

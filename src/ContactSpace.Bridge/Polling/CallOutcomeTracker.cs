using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// Starts outcome tracking when delivery reports a lead became a record, and answers "what became of this lead"
/// for <c>GET /api/leads/{leadId}</c>. Delivery may report a lead twice: the second report changes nothing.
/// </summary>
public sealed partial class CallOutcomeTracker(
    PollingTables tables,
    IOptions<PollingOptions> options,
    ILogger<CallOutcomeTracker> logger) : ILeadDeliveryObserver, ILeadOutcomeReader
{
    public async Task OnDeliveredAsync(DeliveredLead lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.InitiativeId is not { } initiativeId)
        {
            // GetLastCall needs the initiative: without it there is nothing to poll.
            LogNoInitiative(logger, lead.LeadId, lead.Route);
            return;
        }

        if (!IsValidKey(lead.LeadId))
        {
            LogUnusableLeadId(logger, lead.Route);
            return;
        }

        var outcomes = await tables.GetAsync(PollingTables.CallOutcomes).ConfigureAwait(false);
        var existing = await outcomes.GetEntityIfExistsAsync<TrackedLeadEntity>(lead.LeadId, TrackedLeadEntity.LeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue)
        {
            return;
        }

        // Schedule first, lead row last: the lead row's presence is what makes a repeated report a no-op, so it is
        // written only once everything it points to exists. Every write is an upsert of the same values.
        var dueAt = lead.DeliveredAt + options.Value.Outcomes.FirstPollAfter;
        var due = new OutcomeDueEntity
        {
            RowKey = OutcomeDueEntity.RowKeyFor(dueAt, lead.LeadId),
            LeadId = lead.LeadId,
            InitiativeId = initiativeId,
            RecordId = lead.RecordId,
            DeliveredAt = lead.DeliveredAt,
        };
        var state = await tables.GetAsync(PollingTables.PollingState).ConfigureAwait(false);
        await state.UpsertEntityAsync(due, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await outcomes.UpsertEntityAsync(
            new RecordIndexEntity { PartitionKey = RecordIndexEntity.PartitionKeyFor(lead.RecordId), LeadId = lead.LeadId },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        await outcomes.UpsertEntityAsync(
            new TrackedLeadEntity
            {
                PartitionKey = lead.LeadId,
                Route = lead.Route,
                InitiativeId = initiativeId,
                DatasetId = lead.DatasetId,
                RecordId = lead.RecordId,
                DeliveredAt = lead.DeliveredAt,
                State = OutcomeTrackingState.Polling,
                DueKey = due.RowKey,
            },
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
        LogTracking(logger, lead.LeadId, lead.RecordId, dueAt);
    }

    public async Task<LeadOutcome?> GetLatestAsync(string leadId, CancellationToken cancellationToken)
    {
        if (!IsValidKey(leadId))
        {
            return null;
        }

        var row = await FindLeadAsync(leadId, cancellationToken).ConfigureAwait(false);
        return row is { LatestCallId: { } callId, LatestOutcomeId: { } outcomeId, LatestCompletedAt: { } completedAt }
            ? new LeadOutcome(callId, row.LatestUserId, outcomeId, row.LatestOutcomeName, completedAt, row.IsFinal)
            : null;
    }

    /// <summary>The tracked lead row, or null when the lead is not tracked.</summary>
    public async Task<TrackedLeadEntity?> FindLeadAsync(string leadId, CancellationToken cancellationToken)
    {
        var outcomes = await tables.GetAsync(PollingTables.CallOutcomes).ConfigureAwait(false);
        var row = await outcomes.GetEntityIfExistsAsync<TrackedLeadEntity>(leadId, TrackedLeadEntity.LeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The lead a contactSPACE record was delivered as, or null when the record is not one of ours.</summary>
    public async Task<string?> FindLeadIdByRecordAsync(long recordId, CancellationToken cancellationToken)
    {
        var outcomes = await tables.GetAsync(PollingTables.CallOutcomes).ConfigureAwait(false);
        var row = await outcomes.GetEntityIfExistsAsync<RecordIndexEntity>(RecordIndexEntity.PartitionKeyFor(recordId), TrackedLeadEntity.LeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value?.LeadId : null;
    }

    /// <summary>Table keys may not hold '/', '\', '#', '?' or control characters, and are at most 1 KiB.</summary>
    internal static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} on route {Route} has no initiative: call outcomes are not tracked.")]
    private static partial void LogNoInitiative(ILogger logger, string leadId, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lead on route {Route} has an id that cannot be a table key: call outcomes are not tracked.")]
    private static partial void LogUnusableLeadId(ILogger logger, string route);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tracking outcomes of lead {LeadId} (record {RecordId}), first poll at {DueAt:o}.")]
    private static partial void LogTracking(ILogger logger, string leadId, long recordId, DateTimeOffset dueAt);
}

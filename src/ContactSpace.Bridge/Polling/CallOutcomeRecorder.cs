using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using ContactSpace.Client;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// Turns GetLastCall's answer into <c>CallOutcomes</c> rows, shared by the poller and the push receiver: outcome
/// names resolved (cached per initiative), finality decided, and the calls plus the lead's latest outcome and
/// schedule written in one transaction (they share the lead's partition). Every write is an upsert of the same
/// values, so a repeated poll or a push racing a poll leaves the same rows.
/// </summary>
public sealed class CallOutcomeRecorder(
    PollingTables tables,
    OutcomeNameCache names,
    FinalOutcomePolicy finalOutcomes,
    IOptions<PollingOptions> options)
{
    public async Task<ResolvedCalls?> ResolveAsync(string leadId, long initiativeId, IReadOnlyList<LastCallDetail> calls, string source, CancellationToken cancellationToken)
    {
        if (calls.Count == 0)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.AccountTimeZone);
        var rows = new List<LeadCallEntity>(calls.Count);
        foreach (var call in calls)
        {
            rows.Add(new LeadCallEntity
            {
                PartitionKey = leadId,
                RowKey = LeadCallEntity.RowKeyFor(call.CallId),
                CallId = call.CallId,
                UserId = call.UserId,
                OutcomeId = call.OutcomeId,
                OutcomeName = await names.GetNameAsync(initiativeId, call.OutcomeId, cancellationToken).ConfigureAwait(false),
                CompletedAt = InAccountZone(call.CompletedDateTime, zone),
                Source = source,
            });
        }

        var last = rows.OrderBy(r => r.CompletedAt).ThenBy(r => r.CallId).Last();
        var latest = new LeadOutcome(last.CallId, last.UserId, last.OutcomeId, last.OutcomeName, last.CompletedAt, finalOutcomes.IsFinal(initiativeId, last.OutcomeId, last.OutcomeName));
        return new ResolvedCalls(rows, latest);
    }

    /// <summary>Writes the calls, the latest outcome and (when given) the schedule in one transaction.</summary>
    public async Task WriteAsync(string leadId, ResolvedCalls? resolved, LeadSchedule? schedule, CancellationToken cancellationToken)
    {
        var lead = new TableEntity(leadId, TrackedLeadEntity.LeadRowKey);
        var actions = new List<TableTransactionAction>();
        if (resolved is not null)
        {
            actions.AddRange(resolved.Calls.Select(call => new TableTransactionAction(TableTransactionActionType.UpsertReplace, call)));
            var latest = resolved.Latest;
            lead[nameof(TrackedLeadEntity.LatestCallId)] = latest.CallId;
            lead[nameof(TrackedLeadEntity.LatestUserId)] = latest.UserId;
            lead[nameof(TrackedLeadEntity.LatestOutcomeId)] = latest.OutcomeId;
            lead[nameof(TrackedLeadEntity.LatestOutcomeName)] = latest.OutcomeName;
            lead[nameof(TrackedLeadEntity.LatestCompletedAt)] = latest.CompletedAt;
            lead[nameof(TrackedLeadEntity.IsFinal)] = latest.IsFinal;
        }

        if (schedule is not null)
        {
            lead[nameof(TrackedLeadEntity.State)] = schedule.State;
            // Empty, not null: a merge cannot remove a property, and a null would be left out.
            lead[nameof(TrackedLeadEntity.DueKey)] = schedule.DueKey ?? string.Empty;
        }

        if (resolved is null && schedule is null)
        {
            return;
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, lead));
        var table = await tables.GetAsync(PollingTables.CallOutcomes).ConfigureAwait(false);
        await TableBatches.SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
    }

    // GetLastCall's times are wall-clock times in the account's zone, without an offset.
    private static DateTimeOffset InAccountZone(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}

/// <summary>A lead's calls as rows, and the latest outcome among them.</summary>
public sealed record ResolvedCalls(IReadOnlyList<LeadCallEntity> Calls, LeadOutcome Latest);

/// <summary>The lead row's tracking state and pending schedule key (null or empty: not scheduled).</summary>
public sealed record LeadSchedule(string State, string? DueKey);

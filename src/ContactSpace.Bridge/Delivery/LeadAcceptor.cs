using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Sync-first delivery of a prepared lead: idempotency claim → Leads row → insert within the budget (201) → else
/// queue it (202) or dead-letter a permanent rejection (422). A 2xx is only returned once the record exists, or the
/// queue message (with the Leads row behind it) is stored; storage trouble before that is a 503 with Retry-After.
/// </summary>
internal sealed class LeadAcceptor(
    DeliveryStorage storage,
    LeadsTable leads,
    IdempotencyStore idempotency,
    DeliveryQueue queue,
    DeliveryAttempt attempt,
    LeadTransitions transitions,
    RetrySchedule schedule,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    IdempotencyWindows windows,
    TimeProvider time,
    ILogger<LeadAcceptor> logger) : ILeadAcceptor
{
    private readonly DeliveryOptions _options = options.Value;

    public async Task<AcceptanceResult> AcceptAsync(PreparedLead lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var route = lead.Lead.Route;
        try
        {
            await storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var claim = await idempotency.ClaimAsync(
                route, IdempotencyKeyOf(lead), lead.PayloadHash, NewLeadId(), windows.For(route), now, cancellationToken).ConfigureAwait(false);
            switch (claim.Kind)
            {
                case IdempotencyClaimKind.KeyReused:
                    DeliveryLog.KeyReused(logger, route, claim.LeadId);
                    return new AcceptanceResult(AcceptanceStatus.KeyReusedWithDifferentPayload, null,
                        Message: "This idempotency key was used before with a different payload.");
                case IdempotencyClaimKind.Repeat:
                    return await AnswerRepeatAsync(claim, lead, cancellationToken).ConfigureAwait(false);
                default:
                    return await AcceptNewAsync(claim.LeadId, lead, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (StorageFailures.IsUnavailable(ex) || StorageFailures.IsMissingResource(ex))
        {
            storage.Invalidate(ex);
            DeliveryLog.StorageUnavailable(logger, ex, route);
            return Unavailable();
        }
    }

    private async Task<AcceptanceResult> AcceptNewAsync(string leadId, PreparedLead lead, CancellationToken cancellationToken)
    {
        var row = NewRow(leadId, lead);
        if (!await leads.TryInsertAsync(row, cancellationToken).ConfigureAwait(false))
        {
            // Only when a repeat took over an abandoned key at the same moment: that one carries on.
            DeliveryLog.InFlight(logger, leadId, row.Route);
            return InFlight(leadId);
        }

        metrics.Received(row.Route);
        DeliveryLog.Received(logger, leadId, row.Route);
        return await DeliverNowAsync(row, lead.Lead).ConfigureAwait(false);
    }

    private async Task<AcceptanceResult> AnswerRepeatAsync(IdempotencyClaim claim, PreparedLead lead, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = claim.LeadId.Length == 0 ? null : await leads.GetAsync(claim.LeadId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            if (claim.LeadId.Length == 0 || claim.CreatedAt + _options.InFlightTimeout > now)
            {
                return InFlight(claim.LeadId);
            }

            // The first post claimed the key and then failed before storing the lead (it got a 503): carry on as that lead.
            return await AcceptNewAsync(claim.LeadId, lead, cancellationToken).ConfigureAwait(false);
        }

        AcceptanceResult answer;
        switch (row.Status)
        {
            case LeadState.Delivered:
                answer = new AcceptanceResult(AcceptanceStatus.Delivered, row.LeadId, row.RecordId) { IsRepeat = true };
                break;
            case LeadState.DeadLettered or LeadState.Discarded:
                answer = new AcceptanceResult(AcceptanceStatus.Rejected, row.LeadId, Message: RejectionMessage(row)) { IsRepeat = true };
                break;
            case LeadState.Queued:
                answer = new AcceptanceResult(AcceptanceStatus.Queued, row.LeadId) { IsRepeat = true };
                break;
            default:
                if (row.UpdatedAt + _options.InFlightTimeout > now)
                {
                    DeliveryLog.InFlight(logger, row.LeadId, row.Route);
                    return InFlight(row.LeadId);
                }

                return await TakeOverAsync(row, cancellationToken).ConfigureAwait(false);
        }

        DeliveryLog.Repeated(logger, row.LeadId, row.Route, answer.Status.ToString());
        return answer;
    }

    /// <summary>
    /// The first attempt died without recording how it ended (its sender got no answer and posted again). It may
    /// have inserted the record, so the lead goes through the queue with check-first.
    /// </summary>
    private async Task<AcceptanceResult> TakeOverAsync(LeadRow row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        row.UpdatedAt = now;
        row.CheckFirst = true;
        if (!await leads.TryUpdateStateAsync(row, cancellationToken).ConfigureAwait(false))
        {
            return InFlight(row.LeadId);
        }

        DeliveryLog.TakenOver(logger, row.LeadId, row.Route);
        await queue.SendAsync(new DeliveryMessage(row.LeadId, now, CheckFirst: true), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        row.Status = LeadState.Queued;
        row.NextAttemptAt = now;
        row.FirstAnswer ??= AcceptanceStatus.Queued;
        try
        {
            await leads.TryUpdateStateAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
        {
            // The message is stored; the processor copes with a row still marked Received.
        }

        return new AcceptanceResult(AcceptanceStatus.Queued, row.LeadId) { IsRepeat = true };
    }

    private async Task<AcceptanceResult> DeliverNowAsync(LeadRow row, MappedLead lead)
    {
        AttemptOutcome outcome;
        using (var budget = new CancellationTokenSource(_options.SyncBudget, time))
        {
            // The sender's disconnect does not stop the attempt early either: the lead must end up recorded or queued.
            outcome = await attempt.RunAsync(row.LeadId, lead, checkFirst: false, budget.Token, CancellationToken.None).ConfigureAwait(false);
        }

        // From here the writes run to completion whatever the sender does: a half-recorded lead is worse than a late answer.
        var token = CancellationToken.None;
        switch (outcome)
        {
            case AttemptOutcome.Delivered delivered:
                row.FirstAnswer = AcceptanceStatus.Delivered;
                try
                {
                    await transitions.RecordDeliveredAsync(row, delivered.RecordId, delivered.Adopted, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
                {
                    // The record exists, so the answer is 201 regardless; a repeat will find the lead through its dedupe field.
                    DeliveryLog.DeliveredButNotRecorded(logger, ex, row.LeadId, row.Route, delivered.RecordId);
                }

                return new AcceptanceResult(AcceptanceStatus.Delivered, row.LeadId, delivered.RecordId);

            case AttemptOutcome.PermanentFailure rejected:
                row.FirstAnswer = AcceptanceStatus.Rejected;
                try
                {
                    await transitions.DeadLetterAsync(row, rejected.Reason, rejected.Error, rejected.ServiceMessage, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
                {
                    // Without the dead letter the 422 would be a promise not kept: ask the sender to come back.
                    DeliveryLog.StorageUnavailable(logger, ex, row.Route);
                    return Unavailable(row.LeadId);
                }

                return new AcceptanceResult(AcceptanceStatus.Rejected, row.LeadId, Message: rejected.ServiceMessage ?? rejected.Error);

            case AttemptOutcome.TransientFailure failure:
                row.FirstAnswer = AcceptanceStatus.Queued;
                var now = time.GetUtcNow();
                var delay = schedule.NextDelay(row.Attempts, now, now, failure.RetryAfter) ?? TimeSpan.Zero;
                try
                {
                    await transitions.ScheduleRetryAsync(row, delay, failure, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
                {
                    DeliveryLog.StorageUnavailable(logger, ex, row.Route);
                    return Unavailable(row.LeadId);
                }

                return new AcceptanceResult(AcceptanceStatus.Queued, row.LeadId);

            default:
                throw new InvalidOperationException($"Unknown attempt outcome {outcome.GetType().Name}.");
        }
    }

    private LeadRow NewRow(string leadId, PreparedLead lead)
    {
        var now = time.GetUtcNow();
        return new LeadRow
        {
            LeadId = leadId,
            Route = lead.Lead.Route,
            Status = LeadState.Received,
            Attempts = 1,
            ReceivedAt = now,
            UpdatedAt = now,
            IdempotencyKey = lead.IdempotencyKey,
            PayloadHash = lead.PayloadHash,
            DatasetId = lead.Lead.DatasetId,
            InitiativeId = lead.Lead.InitiativeId,

            // Written before the attempt starts: if this process dies mid-attempt, whoever takes over searches first.
            AttemptInProgress = true,
            ClaimedUntil = now + _options.InFlightTimeout,
            Lead = lead.Lead,
            OriginalBody = lead.OriginalBody.ToArray(),
            OriginalContentType = lead.OriginalContentType,
            HasPersonalData = true,
        };
    }

    private static string IdempotencyKeyOf(PreparedLead lead) =>
        string.IsNullOrEmpty(lead.IdempotencyKey) ? "payload:" + lead.PayloadHash : "key:" + lead.IdempotencyKey;

    /// <summary>Time-ordered (version 7) GUIDs: unique without coordination, and sortable by arrival.</summary>
    private static string NewLeadId() => Guid.CreateVersion7().ToString("N");

    private static string RejectionMessage(LeadRow row) =>
        row.LastServiceMessage ?? row.LastError ?? $"The lead could not be delivered ({row.DeadLetterReason}).";

    private static AcceptanceResult InFlight(string? leadId) =>
        new(AcceptanceStatus.InFlight, string.IsNullOrEmpty(leadId) ? null : leadId, Message: "The same lead is still being handled.");

    private AcceptanceResult Unavailable(string? leadId = null) =>
        new(AcceptanceStatus.Unavailable, leadId, Message: "Storage is unavailable; try again later.") { RetryAfter = _options.StorageRetryAfter };
}

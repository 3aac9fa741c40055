using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// The writes that move a lead between states, shared by the sync path, the queue processor, the poison drain and
/// replay. Each one is safe to repeat: a crash between two of them leaves a state the next attempt recovers from.
/// </summary>
internal sealed class LeadTransitions(
    LeadsTable leads,
    DeadLetterStore deadLetters,
    DeliveryQueue queue,
    IEnumerable<ILeadDeliveryObserver> observers,
    DeliveryMetrics metrics,
    TimeProvider time,
    ILogger<LeadTransitions> logger)
{
    private const int MaxRaces = 3;

    /// <summary>
    /// Records the record id. Storage failures propagate (the row still shows an attempt in progress, so the next
    /// attempt searches first and adopts this record); a concurrent change is re-read and overwritten, since a record
    /// that exists is the final truth.
    /// </summary>
    public async Task RecordDeliveredAsync(LeadRow row, long recordId, bool adopted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = row;
        for (var race = 0; race < MaxRaces; race++)
        {
            if (current.Status == LeadState.Delivered)
            {
                return;
            }

            current.Status = LeadState.Delivered;
            current.RecordId = recordId;
            current.DeliveredAt = now;
            current.UpdatedAt = now;
            current.AttemptInProgress = false;
            current.CheckFirst = false;
            if (await leads.TryUpdateStateAsync(current, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            current = await leads.GetAsync(row.LeadId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Lead {row.LeadId} disappeared while being delivered.");
        }

        metrics.Delivered(row.Route);
        if (adopted)
        {
            metrics.DuplicateAdopted(row.Route);
            DeliveryLog.DuplicateAdopted(logger, row.LeadId, row.Route, recordId);
        }

        DeliveryLog.Delivered(logger, row.LeadId, row.Route, recordId, current.Attempts);
        await NotifyObserversAsync(current, recordId, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues the next attempt: the message first (what makes the lead durable), then the row. If the row update
    /// fails the message still carries what matters (lead id, check-first), so that failure is only logged.
    /// </summary>
    public async Task<DateTimeOffset> ScheduleRetryAsync(
        LeadRow row, TimeSpan delay, AttemptOutcome.TransientFailure failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nextAttemptAt = now + delay;
        await queue.SendAsync(new DeliveryMessage(row.LeadId, nextAttemptAt, failure.CheckFirst), delay, cancellationToken).ConfigureAwait(false);

        row.Status = LeadState.Queued;
        row.NextAttemptAt = nextAttemptAt;
        row.CheckFirst = failure.CheckFirst;
        row.AttemptInProgress = false;
        row.FirstErrorAt ??= now;
        row.LastErrorAt = now;
        row.LastError = failure.Error;
        row.LastServiceMessage = failure.ServiceMessage;
        row.UpdatedAt = now;
        metrics.Retried(row.Route);
        DeliveryLog.Queued(logger, row.LeadId, row.Route, row.Attempts, failure.Error, nextAttemptAt, failure.CheckFirst);
        try
        {
            if (!await leads.TryUpdateStateAsync(row, cancellationToken).ConfigureAwait(false))
            {
                DeliveryLog.MessageSkipped(logger, row.LeadId, "row changed while queuing; the queued message decides");
            }
        }
        catch (Exception ex) when (Storage.StorageFailures.IsUnavailable(ex))
        {
            DeliveryLog.MessageSkipped(logger, row.LeadId, "row not updated after queuing (storage unavailable); the queued message decides");
        }

        return nextAttemptAt;
    }

    /// <summary>Writes the dead letter (an upsert: repeating it is harmless), then marks the row.</summary>
    public async Task DeadLetterAsync(
        LeadRow row, DeadLetterReason reason, string? error, string? serviceMessage, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deadLetter = new DeadLetter
        {
            Id = row.LeadId,
            LeadId = row.LeadId,
            Route = row.Route,
            Reason = reason,
            ServiceMessage = serviceMessage ?? row.LastServiceMessage,
            Detail = error,
            Attempts = row.Attempts,
            FirstErrorAt = row.FirstErrorAt ?? now,
            LastErrorAt = now,
            DeadLetteredAt = now,
            Lead = row.Lead,
            OriginalBody = row.OriginalBody,
            OriginalContentType = row.OriginalContentType,
        };
        await deadLetters.SaveAsync(deadLetter, cancellationToken).ConfigureAwait(false);

        var current = row;
        for (var race = 0; race < MaxRaces; race++)
        {
            if (current.Status == LeadState.Delivered)
            {
                // Another attempt made it a record meanwhile: the dead letter is moot.
                await deadLetters.DeleteAsync(row.LeadId, cancellationToken).ConfigureAwait(false);
                return;
            }

            current.Status = LeadState.DeadLettered;
            current.DeadLetterReason = reason;
            current.AttemptInProgress = false;
            current.FirstErrorAt ??= now;
            current.LastErrorAt = now;
            current.LastError = error ?? current.LastError;
            current.LastServiceMessage = serviceMessage ?? current.LastServiceMessage;
            current.UpdatedAt = now;
            if (await leads.TryUpdateStateAsync(current, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            current = await leads.GetAsync(row.LeadId, cancellationToken).ConfigureAwait(false) ?? current;
        }

        row.Status = LeadState.DeadLettered;
        metrics.DeadLettered(row.Route, reason);
        DeliveryLog.DeadLettered(logger, row.LeadId, row.Route, reason, row.Attempts);
    }

    /// <summary>Keeps the text of a message that names no lead, so nothing is dropped silently.</summary>
    public async Task DeadLetterUnreadableAsync(string message, string detail, CancellationToken cancellationToken)
    {
        var deadLetter = new DeadLetter
        {
            Id = DeadLetter.IdForMessage(message),
            Reason = DeadLetterReason.Unreadable,
            Detail = detail,
            DeadLetteredAt = time.GetUtcNow(),
            RawMessage = message,
        };
        await deadLetters.SaveAsync(deadLetter, cancellationToken).ConfigureAwait(false);
        metrics.DeadLettered(string.Empty, DeadLetterReason.Unreadable);
        DeliveryLog.UnreadableMessage(logger, deadLetter.Id, detail);
    }

    private async Task NotifyObserversAsync(LeadRow row, long recordId, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        var delivered = new DeliveredLead(row.LeadId, row.Route, row.InitiativeId, row.DatasetId, recordId, deliveredAt);
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnDeliveredAsync(delivered, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An observer's failure must never undo or fail a delivery.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DeliveryLog.ObserverFailed(logger, ex, observer.GetType().Name, row.LeadId);
            }
        }
    }
}

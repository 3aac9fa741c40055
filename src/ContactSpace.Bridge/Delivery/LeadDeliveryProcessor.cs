using ContactSpace.Bridge.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Handles one message of the delivery queue (the <c>DeliverLead</c> trigger). Queue delivery is at least once, so
/// every step is idempotent: the Leads row is claimed with an ETag-conditional update (of two workers holding the
/// same message only one inserts), finished leads are skipped, and an attempt that may have landed is followed by
/// a search before any new insert. A transient failure queues a new, delayed message and lets this one complete.
/// A message that finds the lead held by another attempt leaves a delayed follow-up behind, so a holder that dies
/// never strands the lead.
/// Storage failures propagate: the host then retries this message (and after its last try, poisons it).
/// </summary>
public sealed class LeadDeliveryProcessor
{
    private static readonly TimeSpan _supersededTolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _claimMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _followUpMargin = TimeSpan.FromSeconds(5);
    private readonly DeliveryStorage _storage;
    private readonly LeadsTable _leads;
    private readonly DeliveryQueue _queue;
    private readonly DeliveryAttempt _attempt;
    private readonly LeadTransitions _transitions;
    private readonly RetrySchedule _schedule;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LeadDeliveryProcessor> _logger;

    internal LeadDeliveryProcessor(
        DeliveryStorage storage,
        LeadsTable leads,
        DeliveryQueue queue,
        DeliveryAttempt attempt,
        LeadTransitions transitions,
        RetrySchedule schedule,
        IOptions<DeliveryOptions> options,
        TimeProvider time,
        ILogger<LeadDeliveryProcessor> logger)
    {
        _storage = storage;
        _leads = leads;
        _queue = queue;
        _attempt = attempt;
        _transitions = transitions;
        _schedule = schedule;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <param name="message">The message text (already decoded from Base64 by the trigger).</param>
    /// <param name="dequeueCount">How often the host has handed out this message (more than 1 after a crash or throw).</param>
    /// <param name="cancellationToken">The host shutting down.</param>
    public async Task ProcessAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessCoreAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailures.IsMissingResource(ex))
        {
            // The host retries the message; by then the tables and queues are created again.
            _storage.Invalidate(ex);
            throw;
        }
    }

    private async Task ProcessCoreAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!DeliveryMessage.TryParse(message, out var parsed))
        {
            await _transitions.DeadLetterUnreadableAsync(message ?? string.Empty, "Not a delivery message.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var row = await _leads.GetAsync(parsed.LeadId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            await _transitions.DeadLetterUnreadableAsync(message, "The message names no known lead.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        if (row.AttemptInProgress && row.ClaimedUntil is { } claimedUntil && claimedUntil > now)
        {
            // Someone else holds the lead. Completing this message must not leave the lead without one if they die.
            await FollowUpAsync(parsed, claimedUntil - now, "another attempt is under way", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (SkipReason(row, parsed) is { } why)
        {
            DeliveryLog.MessageSkipped(_logger, row.LeadId, why);
            return;
        }

        if (row.Lead is not { } lead)
        {
            await _transitions.DeadLetterAsync(row, DeadLetterReason.NotDeliverable, "The lead's mapped fields are no longer stored.", null, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        // An attempt that never recorded its end (its process died, or this message was handed out before) may have landed.
        var checkFirst = parsed.CheckFirst || row.CheckFirst || row.AttemptInProgress || dequeueCount > 1;
        if (!await ClaimAsync(row, checkFirst, now, cancellationToken).ConfigureAwait(false))
        {
            await FollowUpAsync(parsed, _options.AttemptTimeout + _claimMargin, "another worker claimed the lead", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (checkFirst && lead.DedupeField is null)
        {
            DeliveryLog.PossibleDuplicate(_logger, row.LeadId, row.Route);
        }

        AttemptOutcome outcome;
        using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
        {
            outcome = await _attempt.RunAsync(row.LeadId, lead, checkFirst, linked.Token, cancellationToken).ConfigureAwait(false);
        }

        switch (outcome)
        {
            case AttemptOutcome.Delivered delivered:
                await _transitions.RecordDeliveredAsync(row, delivered.RecordId, delivered.Adopted, cancellationToken).ConfigureAwait(false);
                break;

            case AttemptOutcome.PermanentFailure rejected:
                await _transitions.DeadLetterAsync(row, rejected.Reason, rejected.Error, rejected.ServiceMessage, cancellationToken).ConfigureAwait(false);
                break;

            case AttemptOutcome.TransientFailure failure:
                var failedAt = _time.GetUtcNow();
                var delay = _schedule.NextDelay(row.Attempts, row.FirstErrorAt ?? failedAt, failedAt, failure.RetryAfter);
                if (delay is null)
                {
                    row.LastServiceMessage = failure.ServiceMessage ?? row.LastServiceMessage;
                    await _transitions.DeadLetterAsync(row, DeadLetterReason.RetriesExhausted, failure.Error, failure.ServiceMessage, cancellationToken)
                        .ConfigureAwait(false);
                }
                else
                {
                    await _transitions.ScheduleRetryAsync(row, delay.Value, failure, cancellationToken).ConfigureAwait(false);
                }

                break;

            default:
                throw new InvalidOperationException($"Unknown attempt outcome {outcome.GetType().Name}.");
        }
    }

    private static string? SkipReason(LeadRow row, DeliveryMessage message)
    {
        if (row.Status is LeadState.Delivered or LeadState.DeadLettered or LeadState.Discarded)
        {
            return $"the lead is already {row.Status}";
        }

        // A later message was queued (and recorded in the row only after it was stored): that one carries the lead.
        return row.NextAttemptAt is { } next && message.NotBefore < next - _supersededTolerance
            ? "a later message supersedes this one"
            : null;
    }

    /// <summary>
    /// Queues a copy of this message for when the other holder's claim runs out: if that holder finishes, the copy
    /// finds the lead done (or superseded by the holder's own retry) and is skipped; if it died, the copy carries on.
    /// </summary>
    private async Task FollowUpAsync(DeliveryMessage message, TimeSpan delay, string why, CancellationToken cancellationToken)
    {
        await _queue.SendAsync(message with { CheckFirst = true }, delay + _followUpMargin, cancellationToken).ConfigureAwait(false);
        DeliveryLog.MessageSkipped(_logger, message.LeadId, why + "; a follow-up message is queued for when its claim runs out");
    }

    private async Task<bool> ClaimAsync(LeadRow row, bool checkFirst, DateTimeOffset now, CancellationToken cancellationToken)
    {
        row.Status = LeadState.Queued;
        row.Attempts++;
        row.AttemptInProgress = true;
        row.ClaimedUntil = now + _options.AttemptTimeout + _claimMargin;
        row.CheckFirst = checkFirst;
        row.PossibleDuplicate |= checkFirst && row.Lead?.DedupeField is null;
        row.UpdatedAt = now;
        return await _leads.TryUpdateStateAsync(row, cancellationToken).ConfigureAwait(false);
    }
}

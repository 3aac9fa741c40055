using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Turns everything in <c>lead-delivery-poison</c> into a dead letter (the <c>DrainPoisonLeads</c> trigger), so a
/// message the host gave up on is never dropped silently. An unreadable message is kept with its text.
/// </summary>
public sealed class PoisonLeadDrainer
{
    private readonly DeliveryStorage _storage;
    private readonly LeadsTable _leads;
    private readonly LeadTransitions _transitions;
    private readonly ILogger<PoisonLeadDrainer> _logger;

    internal PoisonLeadDrainer(DeliveryStorage storage, LeadsTable leads, LeadTransitions transitions, ILogger<PoisonLeadDrainer> logger)
    {
        _storage = storage;
        _leads = leads;
        _transitions = transitions;
        _logger = logger;
    }

    public async Task DrainAsync(string message, CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!DeliveryMessage.TryParse(message, out var parsed))
        {
            await _transitions.DeadLetterUnreadableAsync(message ?? string.Empty, "Unreadable message in the poison queue.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var row = await _leads.GetAsync(parsed.LeadId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            await _transitions.DeadLetterUnreadableAsync(message, "A poisoned message names no known lead.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (row.Status is LeadState.Delivered or LeadState.DeadLettered or LeadState.Discarded)
        {
            DeliveryLog.MessageSkipped(_logger, row.LeadId, $"poisoned message for a lead already {row.Status}");
            return;
        }

        if (row.NextAttemptAt is { } next && parsed.NotBefore < next - TimeSpan.FromSeconds(1))
        {
            DeliveryLog.MessageSkipped(_logger, row.LeadId, "poisoned message superseded by a later one");
            return;
        }

        await _transitions.DeadLetterAsync(
            row, DeadLetterReason.Poisoned, "The host gave up on the delivery message after repeated failures.", null, cancellationToken)
            .ConfigureAwait(false);
    }
}

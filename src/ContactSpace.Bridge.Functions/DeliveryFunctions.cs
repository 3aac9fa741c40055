using Azure.Storage.Queues.Models;
using ContactSpace.Bridge.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary>
/// The delivery queue and its poison queue. The dequeue count goes to the processor, which does its own backoff
/// (re-enqueue with a visibility delay) and uses the host's retries only for unexpected failures.
/// </summary>
public sealed class DeliveryFunctions(LeadDeliveryProcessor processor, PoisonLeadDrainer drainer)
{
    public const string DeliveryQueue = "lead-delivery";
    public const string PoisonQueue = DeliveryQueue + "-poison";

    [Function(nameof(DeliverLead))]
    public Task DeliverLead([QueueTrigger(DeliveryQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return processor.ProcessAsync(message.MessageText, message.DequeueCount, cancellationToken);
    }

    [Function(nameof(DrainPoisonLeads))]
    public Task DrainPoisonLeads([QueueTrigger(PoisonQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return drainer.DrainAsync(message.MessageText, cancellationToken);
    }
}

using Azure.Data.Tables;
using Azure.Storage.Queues;
using ContactSpace.Bridge.Storage;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// The tables and queues delivery uses. They are created once, on first use, not per lead; a failed creation
/// (storage down at start-up) is tried again on the next use.
/// </summary>
public sealed class DeliveryStorage
{
    private readonly Lock _gate = new();
    private Task? _ready;

    public DeliveryStorage(TableServiceClient tables, QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        Leads = tables.GetTableClient(StorageNames.LeadsTable);
        Idempotency = tables.GetTableClient(StorageNames.IdempotencyTable);
        DeadLetters = tables.GetTableClient(StorageNames.DeadLettersTable);
        DeliveryQueue = queues.GetQueueClient(StorageNames.DeliveryQueue);
        PoisonQueue = queues.GetQueueClient(StorageNames.DeliveryPoisonQueue);
    }

    public TableClient Leads { get; }

    public TableClient Idempotency { get; }

    public TableClient DeadLetters { get; }

    public QueueClient DeliveryQueue { get; }

    public QueueClient PoisonQueue { get; }

    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = CreateAllAsync();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets that the tables and queues exist, so the next use creates them again. For a 404 on one of them: an
    /// emulator restarted without its data, or a table deleted by hand, must not fail every lead from then on.
    /// </summary>
    public void Invalidate(Exception exception)
    {
        if (StorageFailures.IsMissingResource(exception))
        {
            lock (_gate)
            {
                _ready = null;
            }
        }
    }

    private async Task CreateAllAsync()
    {
        // Not tied to one caller's token: the first caller giving up must not fail creation for everyone else.
        await Task.WhenAll(
            Leads.CreateIfNotExistsAsync(CancellationToken.None),
            Idempotency.CreateIfNotExistsAsync(CancellationToken.None),
            DeadLetters.CreateIfNotExistsAsync(CancellationToken.None),
            DeliveryQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None)).ConfigureAwait(false);
    }
}

using Azure.Data.Tables;

namespace ContactSpace.Bridge.Polling;

/// <summary>Submits table actions as entity-group transactions: grouped by partition, at most 100 per transaction.</summary>
internal static class TableBatches
{
    public const int MaxActionsPerTransaction = 100;

    public static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var partition in actions.GroupBy(action => action.Entity.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxActionsPerTransaction))
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

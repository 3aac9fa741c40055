using Azure;
using Azure.Data.Tables;
using ContactSpace.Bridge.Storage;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Remembers which lead an idempotency key (per route) belongs to, for the route's window. The first post wins
/// through an insert-if-absent (AddEntity fails with a conflict for everyone else), so two concurrent posts of
/// the same lead can never both create one.
/// </summary>
internal sealed class IdempotencyStore(DeliveryStorage storage)
{
    private const int MaxRaces = 3;
    private readonly TableClient _table = storage.Idempotency;

    public async Task<IdempotencyClaim> ClaimAsync(
        string route, string key, string payloadHash, string candidateLeadId, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(route), TableKeys.Hash(key))
        {
            ["LeadId"] = candidateLeadId,
            ["PayloadHash"] = payloadHash,
            ["CreatedAt"] = now,
        };

        for (var race = 0; race < MaxRaces; race++)
        {
            try
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyClaimKind.New, candidateLeadId, now);
            }
            catch (RequestFailedException ex) when (StorageFailures.IsConflict(ex))
            {
                // Someone holds the key: read what they stored.
            }

            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (!existing.HasValue || existing.Value is null)
            {
                continue;
            }

            var stored = existing.Value;
            var createdAt = stored.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
            if (createdAt + window <= now)
            {
                // The window has passed: the key starts a new lead. The ETag stops two posts from both taking it over.
                try
                {
                    await _table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return new IdempotencyClaim(IdempotencyClaimKind.New, candidateLeadId, now);
                }
                catch (RequestFailedException ex) when (StorageFailures.IsPreconditionFailed(ex) || StorageFailures.IsNotFound(ex))
                {
                    continue;
                }
            }

            var leadId = stored.GetString("LeadId") ?? string.Empty;
            var kind = string.Equals(stored.GetString("PayloadHash"), payloadHash, StringComparison.OrdinalIgnoreCase)
                ? IdempotencyClaimKind.Repeat
                : IdempotencyClaimKind.KeyReused;
            return new IdempotencyClaim(kind, leadId, createdAt);
        }

        // Only reachable when the key is deleted and re-created around us repeatedly: the other post is in flight.
        return new IdempotencyClaim(IdempotencyClaimKind.Repeat, string.Empty, now);
    }
}

internal enum IdempotencyClaimKind
{
    /// <summary>The key is ours: a new lead.</summary>
    New,

    /// <summary>The same key and payload were seen within the window.</summary>
    Repeat,

    /// <summary>The same key came with a different payload.</summary>
    KeyReused,
}

internal sealed record IdempotencyClaim(IdempotencyClaimKind Kind, string LeadId, DateTimeOffset CreatedAt);

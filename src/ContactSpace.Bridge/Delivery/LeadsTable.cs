using Azure;
using Azure.Data.Tables;
using ContactSpace.Bridge.Storage;

namespace ContactSpace.Bridge.Delivery;

/// <summary>Reads and conditionally writes Leads rows. Every update is conditional on the row's ETag.</summary>
internal sealed class LeadsTable(DeliveryStorage storage)
{
    private readonly TableClient _table = storage.Leads;

    /// <summary>Inserts a new row; false when a row with that lead id exists already.</summary>
    public async Task<bool> TryInsertAsync(LeadRow row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.AddEntityAsync(row.ToEntity(), cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (StorageFailures.IsConflict(ex))
        {
            return false;
        }
    }

    public async Task<LeadRow?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        if (!IsPlausibleLeadId(leadId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(leadId, LeadRow.RowKeyValue, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? LeadRow.FromEntity(response.Value) : null;
    }

    /// <summary>Writes the row's state (Merge) if nobody changed it since it was read; false when someone did.</summary>
    public Task<bool> TryUpdateStateAsync(LeadRow row, CancellationToken cancellationToken) =>
        TryUpdateAsync(row, row.ToStatePatch(), TableUpdateMode.Merge, cancellationToken);

    /// <summary>Writes the state and the mapped lead (Merge), conditional on the ETag.</summary>
    public Task<bool> TryUpdateStateAndLeadAsync(LeadRow row, CancellationToken cancellationToken) =>
        TryUpdateAsync(row, row.ToStatePatchWithLead(), TableUpdateMode.Merge, cancellationToken);

    /// <summary>Rewrites the whole row (Replace: properties the row no longer has are dropped), conditional on the ETag.</summary>
    public Task<bool> TryReplaceAsync(LeadRow row, CancellationToken cancellationToken) =>
        TryUpdateAsync(row, row.ToEntity(), TableUpdateMode.Replace, cancellationToken);

    public AsyncPageable<TableEntity> QueryAsync(string filter, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        _table.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: select, cancellationToken: cancellationToken);

    /// <summary>Lead ids are GUIDs without dashes: anything else cannot be a key we wrote (and may not be a valid key).</summary>
    public static bool IsPlausibleLeadId(string leadId) =>
        leadId is { Length: 32 } && leadId.All(char.IsAsciiHexDigit);

    private async Task<bool> TryUpdateAsync(LeadRow row, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(entity, row.ETag, mode, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (StorageFailures.IsPreconditionFailed(ex) || StorageFailures.IsNotFound(ex))
        {
            return false;
        }
    }
}

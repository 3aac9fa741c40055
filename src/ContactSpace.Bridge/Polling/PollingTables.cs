using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// The pollers' tables. Each is created once per process on first use (creation costs a storage transaction,
/// so it is not repeated every cycle); a failed creation is tried again on the next use.
/// </summary>
public sealed class PollingTables(TableServiceClient service)
{
    public const string AgentStatus = "AgentStatus";
    public const string AgentStatusHistory = "AgentStatusHistory";
    public const string CallOutcomes = "CallOutcomes";

    /// <summary>Cycle leases and the call-outcome schedule (see docs/polling.md).</summary>
    public const string PollingState = "PollingState";

    private readonly ConcurrentDictionary<string, Task<TableClient>> _tables = new(StringComparer.Ordinal);

    public async Task<TableClient> GetAsync(string tableName)
    {
        var creation = _tables.GetOrAdd(tableName, CreateAsync);
        try
        {
            return await creation.ConfigureAwait(false);
        }
        catch
        {
            // Storage was unreachable: forget the failure so the next cycle tries again.
            _tables.TryRemove(new KeyValuePair<string, Task<TableClient>>(tableName, creation));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    }
}

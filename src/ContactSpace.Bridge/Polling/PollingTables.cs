using Azure.Data.Tables;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// The pollers' tables. Each is created once per process on first use (creation costs a storage transaction,
/// so it is not repeated every cycle).
/// </summary>
public sealed class PollingTables(TableServiceClient service)
{
    public const string AgentStatus = "AgentStatus";
    public const string AgentStatusHistory = "AgentStatusHistory";
    public const string CallOutcomes = "CallOutcomes";

    /// <summary>Cycle leases and the call-outcome schedule (see docs/polling.md).</summary>
    public const string PollingState = "PollingState";

    private readonly Dictionary<string, Lazy<Task<TableClient>>> _tables = new[] { AgentStatus, AgentStatusHistory, CallOutcomes, PollingState }
        .ToDictionary(name => name, name => new Lazy<Task<TableClient>>(() => CreateAsync(service, name)));

    public Task<TableClient> GetAsync(string tableName) => _tables[tableName].Value;

    private static async Task<TableClient> CreateAsync(TableServiceClient service, string name)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    }
}

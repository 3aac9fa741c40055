using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ContactSpace.LoadDriver;

/// <summary>
/// The storage floor: per lead, the same table and queue operations the bridge's delivery does (see
/// src/ContactSpace.Bridge/Delivery: IdempotencyStore, LeadsTable, LeadTransitions), with entities of the same
/// shape and size, and nothing else. No HTTP, no parsing, no contactSPACE.
/// </summary>
internal sealed class StorageFloor
{
    /// <summary>The outcome of a lead whose storage operations all succeeded (any failure throws).</summary>
    public const int Done = 200;

    private readonly TableClient _idempotency;
    private readonly TableClient _leads;
    private readonly QueueClient _queue;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];

    private StorageFloor(TableClient idempotency, TableClient leads, QueueClient queue)
    {
        _idempotency = idempotency;
        _leads = leads;
        _queue = queue;
    }

    public static async Task<StorageFloor> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Tables of its own, so the floor's rows never mix with the DevHost's.
        var idempotency = new TableClient(connectionString, "FloorIdempotency");
        var leads = new TableClient(connectionString, "FloorLeads");
        var queue = new QueueClient(connectionString, "floor-delivery", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await idempotency.CreateIfNotExistsAsync(cancellationToken);
        await leads.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new StorageFloor(idempotency, leads, queue);
    }

    /// <summary>Sync path of a delivered lead: claim the key, insert the Leads row, mark it delivered (ETag).</summary>
    public async Task<int> DeliveredLeadAsync(int index, CancellationToken cancellationToken)
    {
        var (leadId, etag) = await ReceiveAsync(index, cancellationToken);
        await _leads.UpdateEntityAsync(
            new TableEntity(leadId, "lead") { ["Status"] = "Delivered", ["RecordId"] = 1000L + index, ["UpdatedAt"] = DateTimeOffset.UtcNow, ["Attempts"] = 1 },
            etag, TableUpdateMode.Merge, cancellationToken);
        return Done;
    }

    /// <summary>Queue path of an accepted lead: claim the key, insert the Leads row, enqueue, mark it queued (ETag).</summary>
    public async Task<int> QueuedLeadAsync(int index, CancellationToken cancellationToken)
    {
        var (leadId, etag) = await ReceiveAsync(index, cancellationToken);
        var message = JsonSerializer.Serialize(new { leadId, notBefore = DateTimeOffset.UtcNow, checkFirst = true });
        await _queue.SendMessageAsync(message, visibilityTimeout: TimeSpan.FromHours(1), cancellationToken: cancellationToken);
        await _leads.UpdateEntityAsync(
            new TableEntity(leadId, "lead") { ["Status"] = "Queued", ["NextAttemptAt"] = DateTimeOffset.UtcNow, ["UpdatedAt"] = DateTimeOffset.UtcNow, ["Attempts"] = 1 },
            etag, TableUpdateMode.Merge, cancellationToken);
        return Done;
    }

    private async Task<(string LeadId, ETag ETag)> ReceiveAsync(int index, CancellationToken cancellationToken)
    {
        var leadId = Guid.NewGuid().ToString("N");
        // A key per call: the sync and queue loops reuse the same indexes.
        var key = $"{_runId}-{leadId}";
        await _idempotency.AddEntityAsync(
            new TableEntity("load", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                ["LeadId"] = leadId,
                ["PayloadHash"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(leadId))),
                ["CreatedAt"] = DateTimeOffset.UtcNow,
            },
            cancellationToken);
        var body = LeadBody.For(_runId, index);
        var response = await _leads.AddEntityAsync(
            new TableEntity(leadId, "lead")
            {
                ["Route"] = "load",
                ["ReceivedAt"] = DateTimeOffset.UtcNow,
                ["PayloadHash"] = "0",
                ["DatasetId"] = 1L,
                ["HasPersonalData"] = true,
                ["Status"] = "Received",
                ["Attempts"] = 0,
                ["UpdatedAt"] = DateTimeOffset.UtcNow,
                ["MappedLead0"] = body,
                ["MappedLeadChunks"] = 1,
                ["Body0"] = body,
                ["BodyChunks"] = 1,
            },
            cancellationToken);
        return (leadId, response.Headers.ETag ?? ETag.All);
    }
}

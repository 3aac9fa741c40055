using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>Reads the bridge's queues and dead letters straight from Azurite (names from docs/architecture.md).</summary>
internal sealed class StorageProbe(string connectionString)
{
    private readonly string _connectionString = connectionString;

    public const string DeliveryQueue = "lead-delivery";
    public const string PoisonQueue = "lead-delivery-poison";
    public const string DeadLettersTable = "DeadLetters";
    public const string LeadsTable = "Leads";

    private readonly QueueClient _delivery = Queue(connectionString, DeliveryQueue);
    private readonly QueueClient _poison = Queue(connectionString, PoisonQueue);
    private readonly TableClient _deadLetters = new(connectionString, DeadLettersTable);

    /// <summary>Messages waiting or in flight (the count includes invisible ones) on the delivery and poison queues.</summary>
    public async Task<int> PendingMessagesAsync(CancellationToken cancellationToken)
        => await CountAsync(_delivery, cancellationToken) + await CountAsync(_poison, cancellationToken);

    /// <summary>Lead numbers of this run that have a dead letter with a non-empty reason.</summary>
    public async Task<IReadOnlySet<int>> DeadLetteredLeadsAsync(string runId, CancellationToken cancellationToken)
    {
        var found = new HashSet<int>();
        try
        {
            await foreach (var entity in _deadLetters.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                if (!HasReason(entity))
                {
                    continue;
                }

                // The row carries the mapped record and the original post (text or UTF-8 bytes, possibly in
                // chunks): the lead's marker is in one of them.
                foreach (var value in entity.Select(p => p.Value))
                {
                    var text = value switch
                    {
                        string s => s,
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        BinaryData data => data.ToString(),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        found.UnionWith(LeadMarker.FindAll(runId, text));
                    }
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No dead letter was ever written: the table does not exist yet.
        }

        return found;
    }

    public async Task<int> DeadLetterCountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var page in _deadLetters.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            {
                count += page.Values.Count;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return count;
    }

    /// <summary>
    /// A lead's row in the Leads table without its personal data (the mapped lead and the post are left out), and
    /// whether its queue still holds visible messages: what a lost lead's report needs.
    /// </summary>
    public async Task<string> DescribeLeadAsync(string leadId, CancellationToken cancellationToken)
    {
        var leads = new TableClient(_connectionString, LeadsTable);
        var row = await leads.GetEntityIfExistsAsync<TableEntity>(leadId, "lead", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return "no Leads row";
        }

        return string.Join(", ", row.Value
            .Where(p => !p.Key.StartsWith("MappedLead", StringComparison.Ordinal) && !p.Key.StartsWith("Body", StringComparison.Ordinal) && p.Key is not "PartitionKey" and not "RowKey" and not "odata.etag")
            .Select(p => $"{p.Key}={(p.Value is DateTimeOffset t ? t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) : p.Value)}"));
    }

    /// <summary>Messages on the delivery queue that are visible now (the approximate count also has invisible ones).</summary>
    public async Task<int> VisibleDeliveryMessagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _delivery.PeekMessagesAsync(32, cancellationToken)).Value.Length;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private static bool HasReason(TableEntity entity) => entity.Any(p =>
        p.Key.Contains("Reason", StringComparison.OrdinalIgnoreCase) && p.Value is string reason && !string.IsNullOrWhiteSpace(reason));

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queue.GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private static QueueClient Queue(string connectionString, string name) =>
        new(connectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}

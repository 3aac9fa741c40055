using System.Text;
using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Storage;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// A lead that could not be delivered, with everything needed to understand and replay it. Its id is the lead id;
/// an unreadable queue message, which names no lead, gets an id derived from its text.
/// </summary>
public sealed record DeadLetter
{
    private const string RowKeyValue = "deadletter";

    public required string Id { get; init; }

    public string? LeadId { get; init; }

    public string Route { get; init; } = string.Empty;

    public required DeadLetterReason Reason { get; init; }

    /// <summary>contactSPACE's own message, when it gave one.</summary>
    public string? ServiceMessage { get; init; }

    /// <summary>What the bridge knows beyond that (short, no personal data).</summary>
    public string? Detail { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? FirstErrorAt { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public DateTimeOffset DeadLetteredAt { get; init; }

    public MappedLead? Lead { get; init; }

    public ReadOnlyMemory<byte>? OriginalBody { get; init; }

    public string? OriginalContentType { get; init; }

    /// <summary>The text of a queue message that could not be read.</summary>
    public string? RawMessage { get; init; }

    /// <summary>The id an unreadable message's dead letter gets: the same text always maps to the same id.</summary>
    public static string IdForMessage(string text) => "msg" + TableKeys.Hash(text)[..29];

    internal TableEntity ToEntity()
    {
        var entity = new TableEntity(Id, RowKeyValue)
        {
            [nameof(Route)] = Route,
            [nameof(Reason)] = Reason.ToString(),
            [nameof(Attempts)] = Attempts,
            [nameof(DeadLetteredAt)] = DeadLetteredAt,
        };
        Set(entity, nameof(LeadId), LeadId);
        Set(entity, nameof(ServiceMessage), ServiceMessage);
        Set(entity, nameof(Detail), Detail);
        Set(entity, nameof(FirstErrorAt), FirstErrorAt);
        Set(entity, nameof(LastErrorAt), LastErrorAt);
        Set(entity, nameof(OriginalContentType), OriginalContentType);
        Set(entity, "DatasetId", Lead?.DatasetId);
        if (Lead is not null)
        {
            ChunkedProperty.Write(entity, "MappedLead", MappedLeadJson.Serialize(Lead));
        }

        if (OriginalBody is { } body)
        {
            ChunkedProperty.Write(entity, "Body", body.Span);
        }

        if (RawMessage is not null)
        {
            ChunkedProperty.Write(entity, nameof(RawMessage), Encoding.UTF8.GetBytes(RawMessage));
        }

        return entity;
    }

    internal static DeadLetter FromEntity(TableEntity entity)
    {
        var body = ChunkedProperty.Read(entity, "Body");
        var raw = ChunkedProperty.Read(entity, nameof(RawMessage));
        return new DeadLetter
        {
            Id = entity.PartitionKey,
            LeadId = entity.GetString(nameof(LeadId)),
            Route = entity.GetString(nameof(Route)) ?? string.Empty,
            Reason = Enum.TryParse<DeadLetterReason>(entity.GetString(nameof(Reason)), out var reason) ? reason : DeadLetterReason.Unreadable,
            ServiceMessage = entity.GetString(nameof(ServiceMessage)),
            Detail = entity.GetString(nameof(Detail)),
            Attempts = entity.GetInt32(nameof(Attempts)) ?? 0,
            FirstErrorAt = entity.GetDateTimeOffset(nameof(FirstErrorAt)),
            LastErrorAt = entity.GetDateTimeOffset(nameof(LastErrorAt)),
            DeadLetteredAt = entity.GetDateTimeOffset(nameof(DeadLetteredAt)) ?? DateTimeOffset.MinValue,
            Lead = MappedLeadJson.Deserialize(ChunkedProperty.Read(entity, "MappedLead")),
            OriginalBody = body,
            OriginalContentType = entity.GetString(nameof(OriginalContentType)),
            RawMessage = raw is null ? null : Encoding.UTF8.GetString(raw),
        };
    }

    /// <summary>The summary columns (what a listing reads: no personal data, no bodies).</summary>
    internal static readonly string[] SummaryColumns =
        ["PartitionKey", nameof(LeadId), nameof(Route), nameof(Reason), nameof(ServiceMessage), nameof(Detail), nameof(Attempts),
         nameof(FirstErrorAt), nameof(LastErrorAt), nameof(DeadLetteredAt)];

    internal static string RowKey => RowKeyValue;

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}

/// <summary>The DeadLetters table. Writes are upserts keyed by lead id, so writing the same dead letter twice is harmless.</summary>
internal sealed class DeadLetterStore(DeliveryStorage storage)
{
    private readonly TableClient _table = storage.DeadLetters;

    public async Task SaveAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(deadLetter.ToEntity(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(id))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, DeadLetter.RowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? DeadLetter.FromEntity(response.Value) : null;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(id, DeadLetter.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<(IReadOnlyList<DeadLetter> Items, string? ContinuationToken)> QueryPageAsync(
        string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var pages = _table.QueryAsync<TableEntity>(filter, pageSize, DeadLetter.SummaryColumns, cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return ([.. page.Values.Select(DeadLetter.FromEntity)], page.ContinuationToken);
        }

        return ([], null);
    }

    private static bool IsPlausibleId(string id) =>
        id is { Length: 32 } && (id.All(char.IsAsciiHexDigit) || (id.StartsWith("msg", StringComparison.Ordinal) && id[3..].All(char.IsAsciiHexDigit)));
}

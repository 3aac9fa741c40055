using Azure;
using Azure.Data.Tables;
using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Storage;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// One lead's row in the Leads table (PartitionKey = lead id, so leads spread over partitions). The mapped lead and
/// the original post are personal data: they are removed after the retention period (<see cref="HasPersonalData"/>).
/// </summary>
internal sealed class LeadRow
{
    public const string RowKeyValue = "lead";
    private const string MappedLeadProperty = "MappedLead";
    private const string BodyProperty = "Body";

    public required string LeadId { get; init; }

    public required string Route { get; init; }

    public LeadState Status { get; set; }

    /// <summary>The answer the first post got (Delivered, Queued or Rejected): repeats of the post get it too.</summary>
    public AcceptanceStatus? FirstAnswer { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? FirstErrorAt { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public long? RecordId { get; set; }

    public string? IdempotencyKey { get; init; }

    public required string PayloadHash { get; init; }

    public long DatasetId { get; init; }

    public long? InitiativeId { get; init; }

    /// <summary>The last attempt may have created the record: search on the dedupe field before inserting again.</summary>
    public bool CheckFirst { get; set; }

    /// <summary>An attempt started and has not recorded how it ended (if it never does, its process died).</summary>
    public bool AttemptInProgress { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>An attempt after an ambiguous failure inserted without a dedupe field: the record may exist twice.</summary>
    public bool PossibleDuplicate { get; set; }

    /// <summary>A short, data-free description of the last failure (function, HTTP status).</summary>
    public string? LastError { get; set; }

    /// <summary>contactSPACE's own message for the last failure.</summary>
    public string? LastServiceMessage { get; set; }

    public DeadLetterReason? DeadLetterReason { get; set; }

    public MappedLead? Lead { get; set; }

    public byte[]? OriginalBody { get; set; }

    public string? OriginalContentType { get; init; }

    public bool HasPersonalData { get; set; }

    public ETag ETag { get; set; }

    public static LeadRow FromEntity(TableEntity entity) => new()
    {
        LeadId = entity.PartitionKey,
        Route = entity.GetString(nameof(Route)) ?? string.Empty,
        Status = Enum.TryParse<LeadState>(entity.GetString(nameof(Status)), out var status) ? status : LeadState.Received,
        FirstAnswer = Enum.TryParse<AcceptanceStatus>(entity.GetString(nameof(FirstAnswer)), out var answer) ? answer : null,
        Attempts = entity.GetInt32(nameof(Attempts)) ?? 0,
        ReceivedAt = entity.GetDateTimeOffset(nameof(ReceivedAt)) ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset(nameof(UpdatedAt)) ?? DateTimeOffset.MinValue,
        DeliveredAt = entity.GetDateTimeOffset(nameof(DeliveredAt)),
        NextAttemptAt = entity.GetDateTimeOffset(nameof(NextAttemptAt)),
        FirstErrorAt = entity.GetDateTimeOffset(nameof(FirstErrorAt)),
        LastErrorAt = entity.GetDateTimeOffset(nameof(LastErrorAt)),
        RecordId = entity.GetInt64(nameof(RecordId)),
        IdempotencyKey = entity.GetString(nameof(IdempotencyKey)),
        PayloadHash = entity.GetString(nameof(PayloadHash)) ?? string.Empty,
        DatasetId = entity.GetInt64(nameof(DatasetId)) ?? 0,
        InitiativeId = entity.GetInt64(nameof(InitiativeId)),
        CheckFirst = entity.GetBoolean(nameof(CheckFirst)) ?? false,
        AttemptInProgress = entity.GetBoolean(nameof(AttemptInProgress)) ?? false,
        ClaimedUntil = entity.GetDateTimeOffset(nameof(ClaimedUntil)),
        PossibleDuplicate = entity.GetBoolean(nameof(PossibleDuplicate)) ?? false,
        LastError = entity.GetString(nameof(LastError)),
        LastServiceMessage = entity.GetString(nameof(LastServiceMessage)),
        DeadLetterReason = Enum.TryParse<DeadLetterReason>(entity.GetString(nameof(DeadLetterReason)), out var reason) ? reason : null,
        Lead = MappedLeadJson.Deserialize(ChunkedProperty.Read(entity, MappedLeadProperty)),
        OriginalBody = ChunkedProperty.Read(entity, BodyProperty),
        OriginalContentType = entity.GetString(nameof(OriginalContentType)),
        HasPersonalData = entity.GetBoolean(nameof(HasPersonalData)) ?? false,
        ETag = entity.ETag,
    };

    /// <summary>The full entity, personal data included (for the first insert and for Replace updates).</summary>
    public TableEntity ToEntity()
    {
        var entity = new TableEntity(LeadId, RowKeyValue)
        {
            [nameof(Route)] = Route,
            [nameof(ReceivedAt)] = ReceivedAt,
            [nameof(PayloadHash)] = PayloadHash,
            [nameof(DatasetId)] = DatasetId,
            [nameof(HasPersonalData)] = HasPersonalData,
            ETag = ETag,
        };
        SetIfPresent(entity, nameof(IdempotencyKey), IdempotencyKey);
        SetIfPresent(entity, nameof(InitiativeId), InitiativeId);
        SetIfPresent(entity, nameof(OriginalContentType), OriginalContentType);
        WriteState(entity);
        if (Lead is not null)
        {
            ChunkedProperty.Write(entity, MappedLeadProperty, MappedLeadJson.Serialize(Lead));
        }

        if (OriginalBody is not null)
        {
            ChunkedProperty.Write(entity, BodyProperty, OriginalBody);
        }

        return entity;
    }

    /// <summary>The changing properties only, for a Merge update conditional on <see cref="ETag"/>.</summary>
    public TableEntity ToStatePatch()
    {
        var entity = new TableEntity(LeadId, RowKeyValue) { ETag = ETag };
        WriteState(entity);
        return entity;
    }

    /// <summary>A Merge patch that also rewrites the mapped lead (replay with a fixed mapping).</summary>
    public TableEntity ToStatePatchWithLead()
    {
        var entity = ToStatePatch();
        if (Lead is not null)
        {
            ChunkedProperty.Write(entity, MappedLeadProperty, MappedLeadJson.Serialize(Lead));
        }

        return entity;
    }

    /// <summary>Drops the mapped fields and the original post; write back with <see cref="ToEntity"/> and Replace.</summary>
    public void RemovePersonalData()
    {
        Lead = null;
        OriginalBody = null;
        HasPersonalData = false;
    }

    private void WriteState(TableEntity entity)
    {
        entity[nameof(Status)] = Status.ToString();
        entity[nameof(Attempts)] = Attempts;
        entity[nameof(UpdatedAt)] = UpdatedAt;
        entity[nameof(CheckFirst)] = CheckFirst;
        entity[nameof(AttemptInProgress)] = AttemptInProgress;
        entity[nameof(PossibleDuplicate)] = PossibleDuplicate;
        entity[nameof(HasPersonalData)] = HasPersonalData;

        // Merge cannot remove a property: optional ones are written only once they have a value.
        SetIfPresent(entity, nameof(FirstAnswer), FirstAnswer?.ToString());
        SetIfPresent(entity, nameof(DeliveredAt), DeliveredAt);
        SetIfPresent(entity, nameof(NextAttemptAt), NextAttemptAt);
        SetIfPresent(entity, nameof(FirstErrorAt), FirstErrorAt);
        SetIfPresent(entity, nameof(LastErrorAt), LastErrorAt);
        SetIfPresent(entity, nameof(RecordId), RecordId);
        SetIfPresent(entity, nameof(ClaimedUntil), ClaimedUntil);
        SetIfPresent(entity, nameof(LastError), LastError);
        SetIfPresent(entity, nameof(LastServiceMessage), LastServiceMessage);
        SetIfPresent(entity, nameof(DeadLetterReason), DeadLetterReason?.ToString());
    }

    private static void SetIfPresent(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}

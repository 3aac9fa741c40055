namespace ContactSpace.Bridge.Leads;

/// <summary>
/// A lead mapped to a contactSPACE record: everything delivery needs, and nothing of the original post.
/// It is what the delivery queue message and the dead-letter row carry, so it must round-trip through
/// System.Text.Json unchanged.
/// </summary>
public sealed record MappedLead
{
    /// <summary>The route that received the lead (its configuration decides replay re-mapping).</summary>
    public required string Route { get; init; }

    /// <summary>contactSPACE field name → value, already transformed and validated (names are valid XML names).</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    public required long DatasetId { get; init; }

    /// <summary>The initiative the dataset belongs to: needed for SearchRecord (dedupe) and GetLastCall.</summary>
    public long? InitiativeId { get; init; }

    public InsertMode Mode { get; init; } = InsertMode.Auto;

    /// <summary>The contactSPACE user for InsertNextRecord / InsertRecordWithCallback.</summary>
    public long? UserId { get; init; }

    /// <summary>Callback time in the contactSPACE account's time zone (sent as <c>YYYY-MM-DD HH:MM:SS</c>).</summary>
    public DateTime? CallbackAt { get; init; }

    /// <summary>
    /// The contactSPACE field that holds the lead id, so a record can be found again after an ambiguous failure
    /// (SearchRecord). Null when the route has none: such a lead can be doubled after a lost answer, and is flagged.
    /// </summary>
    public string? DedupeField { get; init; }
}

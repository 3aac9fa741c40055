namespace ContactSpace.Bridge.Leads;

/// <summary>
/// A post that passed authentication, parsing, mapping and validation: ready for the idempotency check and
/// delivery. Produced by intake, consumed by <see cref="ILeadAcceptor"/>.
/// </summary>
public sealed record PreparedLead
{
    public required MappedLead Lead { get; init; }

    /// <summary>The sender's idempotency key (<c>Idempotency-Key</c> header or the provider's event id), if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 (hex) of the normalised mapped lead: the fallback idempotency key and the payload check.</summary>
    public required string PayloadHash { get; init; }

    /// <summary>The post as received (body and content type), kept with the lead so a dead letter can be re-mapped on replay.</summary>
    public required ReadOnlyMemory<byte> OriginalBody { get; init; }

    public string? OriginalContentType { get; init; }
}

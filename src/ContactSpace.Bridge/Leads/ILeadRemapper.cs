namespace ContactSpace.Bridge.Leads;

/// <summary>
/// Maps a stored post again with the route's current configuration (dead-letter replay: a fixed mapping can
/// rescue leads that failed). Authentication is not repeated: the post was authenticated when it arrived.
/// Implemented by intake.
/// </summary>
public interface ILeadRemapper
{
    LeadRemapResult Remap(string route, ReadOnlyMemory<byte> originalBody, string? originalContentType);
}

/// <summary>Either the re-mapped lead or the problems that still stop it.</summary>
public sealed record LeadRemapResult(MappedLead? Lead, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Lead is not null;
}

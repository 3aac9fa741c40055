namespace ContactSpace.Client;

/// <summary>An outcome (call result) defined for an initiative, as GetOutcome returns it.</summary>
public sealed record ContactSpaceOutcome(long Id, string Name);

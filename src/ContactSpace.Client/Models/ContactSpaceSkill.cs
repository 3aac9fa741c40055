namespace ContactSpace.Client;

/// <summary>A skill with the initiatives and users assigned to it, as GetSkillsInfo returns it.</summary>
public sealed record ContactSpaceSkill(long Id, string Name, IReadOnlyList<SkillInitiative> Initiatives, IReadOnlyList<SkillUser> Users);

/// <summary>An initiative assigned to a skill, with its weight (0.0 to 1.0) and optional agent filter.</summary>
public sealed record SkillInitiative(long InitiativeId, double Weight, long? FilterId);

/// <summary>A user assigned to a skill, with a skill level of 1 to 10.</summary>
public sealed record SkillUser(long UserId, int SkillLevel);

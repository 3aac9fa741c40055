namespace ContactSpace.Simulator.State;

// Immutable copies handed out of SimulatorState, so callers never touch state outside its lock.

public sealed record SimOutcome(long Id, string Name, bool IsFinal, bool IsContact, bool IsCallback);

public sealed record SimDataset(long Id, long InitiativeId, string Name, bool Active);

public sealed record SimInitiative(
    long Id, string Name, IReadOnlyList<FieldDefinition> Fields, IReadOnlyList<SimOutcome> Outcomes, long? CliId);

/// <summary>A record as stored. <see cref="Fields"/> holds only the fields that were given a value, in the initiative's order.</summary>
public sealed record SimRecord(
    long Id,
    long InitiativeId,
    long DatasetId,
    IReadOnlyDictionary<string, string> Fields,
    SimOutcome? Outcome,
    DateTime? OutcomeUpdatedAt,
    int Attempts,
    long? AssignedUserId,
    DateTime? CallbackAt,
    SimCall? LastCall,
    DateTime CreatedAt,
    DateTime ModifiedAt);

public sealed record SimUser(long Id, string Email, string FirstName, string Surname, string Status);

/// <summary>A span of time an agent spent in one status; <see cref="End"/> is null while it lasts.</summary>
public sealed record SimStatusPeriod(long StatusId, string Status, DateTime Start, DateTime? End, long? CallId);

/// <summary>A finished dialler call on a record.</summary>
public sealed record SimCall(
    long Id, long InitiativeId, long RecordId, long UserId, long OutcomeId, DateTime CompletedAt, Uri RecordingUrl);

public sealed record SimCli(long Id, string CallerId);

public sealed record SimSkillInitiative(long InitiativeId, double Weight, long? FilterId);

public sealed record SimSkillUser(long UserId, int SkillLevel);

public sealed record SimSkill(long Id, string Name, IReadOnlyList<SimSkillInitiative> Initiatives, IReadOnlyList<SimSkillUser> Users);

namespace ContactSpace.Simulator.Seed;

/// <summary>The account the simulator starts from (and returns to on reset); the JSON seed file's shape.</summary>
public sealed class SimulatorSeed
{
    public List<SeedInitiative> Initiatives { get; set; } = [];

    public List<SeedUser> Users { get; set; } = [];

    /// <summary>The agent statuses of the account, with the ids AgentStatusHistory filters on.</summary>
    public List<SeedStatus> Statuses { get; set; } = [];

    public List<SeedCli> Clis { get; set; } = [];

    public List<SeedSkill> Skills { get; set; } = [];

    /// <summary>Records present from the start.</summary>
    public List<SeedRecord> Records { get; set; } = [];
}

public sealed class SeedInitiative
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Field names, case-sensitive, in the order answers list them.</summary>
    public List<string> Fields { get; set; } = [];

    /// <summary>Types of the fields that are not free text: <c>integer</c>, <c>decimal</c>, <c>date</c>, <c>datetime</c>.</summary>
    public Dictionary<string, string> FieldTypes { get; set; } = [];

    /// <summary>Longest value a text field takes (MySQL VARCHAR); fields not named here are unbounded.</summary>
    public Dictionary<string, int> FieldMaxLengths { get; set; } = [];

    public List<SeedOutcome> Outcomes { get; set; } = [];

    public List<SeedDataset> Datasets { get; set; } = [];

    public long? CliId { get; set; }
}

public sealed class SeedOutcome
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Final outcomes end the record's dialling (IsComplete).</summary>
    public bool IsFinal { get; set; }

    public bool IsContact { get; set; }

    public bool IsCallback { get; set; }
}

public sealed class SeedDataset
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public bool Active { get; set; } = true;
}

public sealed class SeedUser
{
    public long Id { get; set; }

    public string Email { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string Surname { get; set; } = string.Empty;

    /// <summary>Name of one of the account's statuses.</summary>
    public string Status { get; set; } = "Logged Out";
}

public sealed class SeedStatus
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;
}

public sealed class SeedCli
{
    public long Id { get; set; }

    public string CallerId { get; set; } = string.Empty;
}

public sealed class SeedSkill
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public List<SeedSkillInitiative> Initiatives { get; set; } = [];

    public List<SeedSkillUser> Users { get; set; } = [];
}

public sealed class SeedSkillInitiative
{
    public long InitiativeId { get; set; }

    public double Weight { get; set; }

    public long? FilterId { get; set; }
}

public sealed class SeedSkillUser
{
    public long UserId { get; set; }

    public int SkillLevel { get; set; }
}

public sealed class SeedRecord
{
    public long DatasetId { get; set; }

    public Dictionary<string, string> Fields { get; set; } = [];
}

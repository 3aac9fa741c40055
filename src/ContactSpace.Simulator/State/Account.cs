using ContactSpace.Simulator.Seed;

namespace ContactSpace.Simulator.State;

/// <summary>The mutable data of one simulated account. Only <see cref="SimulatorState"/> touches it, under its lock.</summary>
internal sealed class Account
{
    public Dictionary<long, InitiativeData> Initiatives { get; } = [];

    public Dictionary<long, SimDataset> Datasets { get; } = [];

    public Dictionary<long, UserData> Users { get; } = [];

    public Dictionary<long, string> Statuses { get; } = [];

    public SortedDictionary<long, SimCli> Clis { get; } = [];

    public SortedDictionary<long, SkillData> Skills { get; } = [];

    public Dictionary<long, SimCall> Calls { get; } = [];

    public long NextDatasetId { get; set; } = 1;

    public long NextCallId { get; set; } = 6400;

    /// <summary>Builds the account a seed describes, refusing seeds that contradict themselves.</summary>
    public static Account FromSeed(SimulatorSeed seed, DateTime now)
    {
        var account = new Account();
        foreach (var status in seed.Statuses)
        {
            Require(account.Statuses.TryAdd(status.Id, status.Name), $"status id {status.Id} appears twice");
        }

        foreach (var cli in seed.Clis)
        {
            Require(account.Clis.TryAdd(cli.Id, new SimCli(cli.Id, cli.CallerId)), $"CLI id {cli.Id} appears twice");
        }

        foreach (var initiative in seed.Initiatives)
        {
            AddInitiative(account, initiative);
        }

        foreach (var user in seed.Users)
        {
            var statusId = account.StatusIdOf(user.Status)
                ?? throw new InvalidOperationException($"Seed: user {user.Id} has status '{user.Status}', which is not among the statuses.");
            var data = new UserData(user.Id, user.Email, user.FirstName, user.Surname);
            data.History.Add(new StatusPeriodData(statusId, now, null));
            Require(account.Users.TryAdd(user.Id, data), $"user id {user.Id} appears twice");
        }

        foreach (var skill in seed.Skills)
        {
            var data = new SkillData(skill.Id, skill.Name);
            foreach (var link in skill.Initiatives)
            {
                Require(account.Initiatives.ContainsKey(link.InitiativeId), $"skill {skill.Id} names unknown initiative {link.InitiativeId}");
                data.Initiatives[link.InitiativeId] = new SimSkillInitiative(link.InitiativeId, link.Weight, link.FilterId);
            }

            foreach (var link in skill.Users)
            {
                Require(account.Users.ContainsKey(link.UserId), $"skill {skill.Id} names unknown user {link.UserId}");
                data.Users[link.UserId] = new SimSkillUser(link.UserId, link.SkillLevel);
            }

            Require(account.Skills.TryAdd(skill.Id, data), $"skill id {skill.Id} appears twice");
        }

        account.NextDatasetId = account.Datasets.Count == 0 ? 1 : account.Datasets.Keys.Max() + 1;
        return account;
    }

    public long? StatusIdOf(string name)
    {
        foreach (var (id, statusName) in Statuses)
        {
            if (string.Equals(statusName, name, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }

        return null;
    }

    private static void AddInitiative(Account account, SeedInitiative seed)
    {
        var fields = new List<FieldDefinition>();
        foreach (var name in seed.Fields)
        {
            Require(IsXmlName(name), $"initiative {seed.Id} has field '{name}', which is not an XML name");
            var type = seed.FieldTypes.TryGetValue(name, out var typeName) ? FieldDefinition.ParseType(name, typeName) : FieldType.Text;
            int? maxLength = seed.FieldMaxLengths.TryGetValue(name, out var max) ? max : null;
            fields.Add(new FieldDefinition(name, type, maxLength));
        }

        var outcomes = seed.Outcomes.Select(o => new SimOutcome(o.Id, o.Name, o.IsFinal, o.IsContact, o.IsCallback)).ToList();
        Require(outcomes.Select(o => o.Id).Distinct().Count() == outcomes.Count, $"initiative {seed.Id} repeats an outcome id");
        Require(seed.CliId is null || account.Clis.ContainsKey(seed.CliId.Value), $"initiative {seed.Id} names unknown CLI {seed.CliId}");
        var initiative = new InitiativeData(seed.Id, seed.Name, fields, outcomes) { CliId = seed.CliId };
        Require(account.Initiatives.TryAdd(seed.Id, initiative), $"initiative id {seed.Id} appears twice");
        foreach (var dataset in seed.Datasets)
        {
            Require(
                account.Datasets.TryAdd(dataset.Id, new SimDataset(dataset.Id, seed.Id, dataset.Name, dataset.Active)),
                $"dataset id {dataset.Id} appears twice");
        }
    }

    private static bool IsXmlName(string name)
    {
        try
        {
            System.Xml.XmlConvert.VerifyName(name);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Seed: {problem}.");
        }
    }
}

internal sealed class InitiativeData(long id, string name, List<FieldDefinition> fields, List<SimOutcome> outcomes)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public List<FieldDefinition> Fields { get; } = fields;

    public Dictionary<string, FieldDefinition> FieldsByName { get; } = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public List<SimOutcome> Outcomes { get; } = outcomes;

    public long? CliId { get; set; }

    public long NextRecordId { get; set; } = 1;

    public Dictionary<long, RecordData> Records { get; } = [];

    public SimInitiative Snapshot() => new(Id, Name, Fields.ToList(), Outcomes.ToList(), CliId);
}

internal sealed class RecordData(long id, long initiativeId, long datasetId, DateTime createdAt)
{
    public long Id { get; } = id;

    public long InitiativeId { get; } = initiativeId;

    public long DatasetId { get; } = datasetId;

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public long? OutcomeId { get; set; }

    public DateTime? OutcomeUpdatedAt { get; set; }

    public int Attempts { get; set; }

    public long? AssignedUserId { get; set; }

    public DateTime? CallbackAt { get; set; }

    public long? LastCallId { get; set; }

    public DateTime CreatedAt { get; } = createdAt;

    public DateTime ModifiedAt { get; set; } = createdAt;
}

internal sealed class UserData(long id, string email, string firstName, string surname)
{
    public long Id { get; } = id;

    public string Email { get; } = email;

    public string FirstName { get; } = firstName;

    public string Surname { get; } = surname;

    /// <summary>Every status the agent has been in, oldest first; the last one is current.</summary>
    public List<StatusPeriodData> History { get; } = [];
}

internal sealed class StatusPeriodData(long statusId, DateTime start, long? callId)
{
    public long StatusId { get; } = statusId;

    public DateTime Start { get; } = start;

    public DateTime? End { get; set; }

    public long? CallId { get; } = callId;
}

internal sealed class SkillData(long id, string name)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public SortedDictionary<long, SimSkillInitiative> Initiatives { get; } = [];

    public SortedDictionary<long, SimSkillUser> Users { get; } = [];

    public SimSkill Snapshot() => new(Id, Name, Initiatives.Values.ToList(), Users.Values.ToList());
}

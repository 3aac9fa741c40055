namespace ContactSpace.Simulator.State;

// Caller ids and skills: the dialler's routing settings.
public sealed partial class SimulatorState
{
    public IReadOnlyList<SimCli> Clis()
    {
        lock (_gate)
        {
            return _account.Clis.Values.ToList();
        }
    }

    public void UpdateCli(long initiativeId, long cliId)
    {
        lock (_gate)
        {
            var initiative = InitiativeOf(initiativeId);
            if (!_account.Clis.ContainsKey(cliId))
            {
                throw new ContactSpaceFailureException("Invalid CLI ID");
            }

            initiative.CliId = cliId;
        }
    }

    /// <summary>GetSkillsInfo: one skill, or every skill when <paramref name="skillId"/> is null.</summary>
    public IReadOnlyList<SimSkill> Skills(long? skillId = null)
    {
        lock (_gate)
        {
            if (skillId is { } id)
            {
                return [SkillOf(id).Snapshot()];
            }

            return _account.Skills.Values.Select(s => s.Snapshot()).ToList();
        }
    }

    public void AddEditInitiativeToSkill(long skillId, long initiativeId, double weight, long? filterId)
    {
        if (double.IsNaN(weight) || weight < 0.0 || weight > 1.0)
        {
            throw new ContactSpaceFailureException("Weight must be between 0.0 and 1.0");
        }

        lock (_gate)
        {
            var skill = SkillOf(skillId);
            _ = InitiativeOf(initiativeId);
            skill.Initiatives[initiativeId] = new SimSkillInitiative(initiativeId, weight, filterId);
        }
    }

    public void RemoveInitiativeFromSkill(long skillId, long initiativeId)
    {
        lock (_gate)
        {
            if (!SkillOf(skillId).Initiatives.Remove(initiativeId))
            {
                throw new ContactSpaceFailureException("Initiative is not assigned to the skill");
            }
        }
    }

    public void AddEditUserToSkill(long skillId, long userId, int skillLevel)
    {
        if (skillLevel is < 1 or > 10)
        {
            throw new ContactSpaceFailureException("Skill level must be between 1 and 10");
        }

        lock (_gate)
        {
            var skill = SkillOf(skillId);
            _ = UserOf(userId);
            skill.Users[userId] = new SimSkillUser(userId, skillLevel);
        }
    }

    public void RemoveUserFromSkill(long skillId, long userId)
    {
        lock (_gate)
        {
            if (!SkillOf(skillId).Users.Remove(userId))
            {
                throw new ContactSpaceFailureException("User is not assigned to the skill");
            }
        }
    }

    private SkillData SkillOf(long skillId) => _account.Skills.TryGetValue(skillId, out var skill)
        ? skill
        : throw new ContactSpaceFailureException("Invalid skill ID");
}

namespace ContactSpace.Simulator.Api;

/// <summary>One API function: its name as the guide spells it, where it is served and how it answers.</summary>
public sealed record ApiFunction(string Name, bool IsBeta, bool ServedOnBetaPath, bool AnswersJson, Func<ApiRequest, ApiAnswer> Handle);

/// <summary>The 26 functions of the guide. Section 3's are beta; GetRecord and GetDataWithAgent are shown on the beta host too.</summary>
public sealed class ApiFunctionCatalog
{
    private readonly Dictionary<string, ApiFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    public ApiFunctionCatalog(DataFunctions data, AgentFunctions agents, SkillFunctions skills)
    {
        Production(nameof(data.CreateDataSet), data.CreateDataSet);
        Production(nameof(data.InsertRecord), data.InsertRecord);
        Production(nameof(data.UpdateRecord), data.UpdateRecord);
        Production(nameof(data.SetValue), data.SetValue);
        Production(nameof(data.GetData), data.GetData);
        Production(nameof(data.GetDataWithAgent), data.GetDataWithAgent, alsoOnBetaPath: true);
        Production(nameof(data.GetRecord), data.GetRecord, alsoOnBetaPath: true);
        Production(nameof(agents.GetUsers), agents.GetUsers);
        Production(nameof(agents.GetAgentStatus), agents.GetAgentStatus);
        Production(nameof(data.InsertNextRecord), data.InsertNextRecord);
        Production(nameof(data.GetRecording), data.GetRecording);
        Production(nameof(data.SearchRecord), data.SearchRecord);
        Production(nameof(data.GetOutcome), data.GetOutcome);
        Production(nameof(data.UpdateOutcome), data.UpdateOutcome);
        Production(nameof(agents.GetCLIs), agents.GetCLIs);
        Production(nameof(agents.UpdateCLI), agents.UpdateCLI);
        Beta(nameof(agents.AgentStatusHistory), agents.AgentStatusHistory);
        Beta(nameof(agents.AgentFirstLastActivity), agents.AgentFirstLastActivity);
        Beta(nameof(data.GetCallIDs), data.GetCallIDs);
        Beta(nameof(data.InsertRecordWithCallback), data.InsertRecordWithCallback);
        Beta(nameof(data.GetLastCall), data.GetLastCall);
        Beta(nameof(skills.GetSkillsInfo), skills.GetSkillsInfo, answersJson: true);
        Beta(nameof(skills.AddEditInitiativeToSkill), skills.AddEditInitiativeToSkill, answersJson: true);
        Beta(nameof(skills.RemoveInitiativeFromSkill), skills.RemoveInitiativeFromSkill, answersJson: true);
        Beta(nameof(skills.AddEditUserToSkill), skills.AddEditUserToSkill, answersJson: true);
        Beta(nameof(skills.RemoveUserFromSkill), skills.RemoveUserFromSkill, answersJson: true);
    }

    public IReadOnlyCollection<ApiFunction> All => _functions.Values;

    public ApiFunction? Find(string name) => _functions.GetValueOrDefault(name);

    private void Production(string name, Func<ApiRequest, ApiAnswer> handle, bool alsoOnBetaPath = false)
        => _functions.Add(name, new ApiFunction(name, IsBeta: false, alsoOnBetaPath, AnswersJson: false, handle));

    private void Beta(string name, Func<ApiRequest, ApiAnswer> handle, bool answersJson = false)
        => _functions.Add(name, new ApiFunction(name, IsBeta: true, ServedOnBetaPath: true, answersJson, handle));
}

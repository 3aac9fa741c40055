namespace ContactSpace.Client;

/// <summary>
/// One async method per function of the contactSPACE API guide 2.1. Every failure raises <see cref="ContactSpaceException"/>.
/// </summary>
public class ContactSpaceClient
{
    /// <summary>For mocking only.</summary>
    protected ContactSpaceClient()
    {
    }

    /// <summary>Creates a dataset in an initiative (CreateDataSet) and returns its id.</summary>
    public virtual Task<long> CreateDataSetAsync(long initiativeId, string datasetName, bool active, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Inserts a record into a dataset (InsertRecord) and returns the new record's id.</summary>
    public virtual Task<long> InsertRecordAsync(long datasetId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Updates fields of a record (UpdateRecord).</summary>
    public virtual Task UpdateRecordAsync(long initiativeId, long recordId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Sets one field of the record behind a call (SetValue).</summary>
    public virtual Task SetValueAsync(long callId, string fieldName, string value, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads an initiative's records for a date range (GetData).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceRecord>> GetDataAsync(long initiativeId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads an initiative's records with agent details for a date range (GetDataWithAgent).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceRecord>> GetDataWithAgentAsync(long initiativeId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads the record behind a call (GetRecord); null when there is none.</summary>
    public virtual Task<ContactSpaceRecord?> GetRecordAsync(long callId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Lists the account's users (GetUsers).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceUser>> GetUsersAsync(CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads a user's current status text (GetAgentStatus), e.g. "Logged Out" or "Available".</summary>
    public virtual Task<string> GetAgentStatusAsync(long userId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Inserts a record to be dialled next by a user (InsertNextRecord) and returns its id.</summary>
    public virtual Task<long> InsertNextRecordAsync(long datasetId, long userId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Returns the URL of a call's recording (GetRecording).</summary>
    public virtual Task<Uri> GetRecordingAsync(long callId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Searches records by initiative and/or dataset, optionally matching field values (SearchRecord).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceRecord>> SearchRecordAsync(long? initiativeId, long? datasetId, IReadOnlyDictionary<string, string>? match, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Lists the outcomes defined for an initiative (GetOutcome).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceOutcome>> GetOutcomeAsync(long initiativeId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Sets the outcome of a record (UpdateOutcome).</summary>
    public virtual Task UpdateOutcomeAsync(long initiativeId, long recordId, long outcomeId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Lists the caller ids available to the account (GetCLIs).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceCli>> GetCLIsAsync(CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Sets an initiative's caller id to one of GetCLIs' ids (UpdateCLI).</summary>
    public virtual Task UpdateCLIAsync(long initiativeId, long cliId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads a user's status history for a day, optionally for one status (AgentStatusHistory, beta).</summary>
    public virtual Task<IReadOnlyList<AgentActivity>> AgentStatusHistoryAsync(long userId, DateOnly date, long? statusId = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads a user's first and last activity of a day (AgentFirstLastActivity, beta).</summary>
    public virtual Task<IReadOnlyList<AgentActivity>> AgentFirstLastActivityAsync(long userId, DateOnly date, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Lists the ids of an initiative's calls in a time range (GetCallIDs, beta).</summary>
    public virtual Task<IReadOnlyList<long>> GetCallIDsAsync(long initiativeId, DateTime fromDate, DateTime toDate, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Inserts a record with a callback booked for a user (InsertRecordWithCallback, beta) and returns its id.</summary>
    public virtual Task<long> InsertRecordWithCallbackAsync(long datasetId, long userId, DateTime callbackDateTime, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Lists the calls made on a record with their outcomes (GetLastCall, beta).</summary>
    public virtual Task<IReadOnlyList<LastCallDetail>> GetLastCallAsync(long initiativeId, long recordId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Reads a skill with its initiatives and users (GetSkillsInfo, beta).</summary>
    public virtual Task<ContactSpaceSkill> GetSkillsInfoAsync(long skillId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Adds an initiative to a skill or changes its weight (0.0 to 1.0) and agent filter (AddEditInitiativeToSkill, beta).</summary>
    public virtual Task AddEditInitiativeToSkillAsync(long skillId, long initiativeId, double weight, long? filterId = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Removes an initiative from a skill (RemoveInitiativeFromSkill, beta).</summary>
    public virtual Task RemoveInitiativeFromSkillAsync(long skillId, long initiativeId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Adds a user to a skill or changes their skill level (1 to 10) (AddEditUserToSkill, beta).</summary>
    public virtual Task AddEditUserToSkillAsync(long skillId, long userId, int skillLevel, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Removes a user from a skill (RemoveUserFromSkill, beta).</summary>
    public virtual Task RemoveUserFromSkillAsync(long skillId, long userId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}

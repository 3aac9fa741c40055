using System.Globalization;
using System.Xml.Linq;
using ContactSpace.Client.Transport;
using ContactSpace.Client.Xml;

namespace ContactSpace.Client;

/// <summary>
/// One async method per function of the contactSPACE API guide 2.1. Every failure raises <see cref="ContactSpaceException"/>;
/// reads may be retried on transient failures, writes never are (the caller decides, after checking for duplicates).
/// </summary>
public class ContactSpaceClient
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    private readonly IContactSpaceTransport _transport = null!;

    /// <summary>For mocking only.</summary>
    protected ContactSpaceClient()
    {
    }

    internal ContactSpaceClient(IContactSpaceTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Creates a dataset in an initiative (CreateDataSet) and returns its id.</summary>
    public virtual async Task<long> CreateDataSetAsync(long initiativeId, string datasetName, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);
        var request = Write("CreateDataSet").With("initiativeid", initiativeId).With("datasetname", datasetName).With("active", active ? "1" : "0");
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var dataset = Answer.All(root, "dataset").FirstOrDefault();
        return Answer.Long(request.Function, dataset is null ? null : Answer.Child(dataset, "id"), "dataset id");
    }

    /// <summary>Inserts a record into a dataset (InsertRecord) and returns the new record's id.</summary>
    public virtual async Task<long> InsertRecordAsync(long datasetId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        var request = BuildInsertRecord(datasetId, fields);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Answer.RequireInsertedId(request.Function, root);
    }

    /// <summary>Updates fields of a record (UpdateRecord).</summary>
    public virtual async Task UpdateRecordAsync(long initiativeId, long recordId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        const string function = "UpdateRecord";
        var request = Write(function).With("module", "data").With("initiativeid", initiativeId).With("recordid", recordId)
            .With("xmldata", RecordXml.Write(function, fields));
        Answer.RequireSuccess(function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sets one field of the record behind a call (SetValue).</summary>
    public virtual async Task SetValueAsync(long callId, string fieldName, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string function = "SetValue";
        FieldNames.Validate(function, fieldName);
        var request = Write(function).With("module", "data").With("callid", callId)
            .With("modulefieldupdate", $"{fieldName}='{QuoteValue(value)}'");
        Answer.RequireSuccess(function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads an initiative's records for a date range (GetData).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceRecord>> GetDataAsync(long initiativeId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken = default)
        => GetDataCoreAsync("GetData", initiativeId, fromDate, toDate, cancellationToken);

    /// <summary>Reads an initiative's records with agent details for a date range (GetDataWithAgent).</summary>
    public virtual Task<IReadOnlyList<ContactSpaceRecord>> GetDataWithAgentAsync(long initiativeId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken = default)
        => GetDataCoreAsync("GetDataWithAgent", initiativeId, fromDate, toDate, cancellationToken);

    /// <summary>Reads the record behind a call (GetRecord); null when there is none.</summary>
    public virtual async Task<ContactSpaceRecord?> GetRecordAsync(long callId, CancellationToken cancellationToken = default)
    {
        var request = Read("GetRecord").With("module", "data").With("callid", callId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var records = Answer.Records(request.Function, root);
        return records.Count == 0 ? null : records[0];
    }

    /// <summary>Lists the account's users (GetUsers).</summary>
    public virtual async Task<IReadOnlyList<ContactSpaceUser>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        var request = Read("GetUsers");
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var f = request.Function;
        return Answer.All(root, "user")
            .Select(u => new ContactSpaceUser(
                Answer.Long(f, Answer.Child(u, "Id"), "user Id"),
                Answer.Child(u, "Email")?.Value.Trim() ?? string.Empty,
                Answer.Child(u, "FirstName")?.Value.Trim() ?? string.Empty,
                Answer.Child(u, "Surname")?.Value.Trim() ?? string.Empty))
            .ToList();
    }

    /// <summary>Reads a user's current status text (GetAgentStatus), e.g. "Logged Out" or "Available".</summary>
    public virtual async Task<string> GetAgentStatusAsync(long userId, CancellationToken cancellationToken = default)
    {
        var request = Read("GetAgentStatus").With("userid", userId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        return Answer.Text(request.Function, Answer.Child(root, "status"), "status");
    }

    /// <summary>Inserts a record to be dialled next by a user (InsertNextRecord) and returns its id.</summary>
    public virtual async Task<long> InsertNextRecordAsync(long datasetId, long userId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        const string function = "InsertNextRecord";
        var request = Write(function).With("module", "data").With("datasetid", datasetId).With("userid", userId)
            .With("xmldata", RecordXml.Write(function, fields));
        return Answer.RequireInsertedId(function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Returns the URL of a call's recording (GetRecording).</summary>
    public virtual async Task<Uri> GetRecordingAsync(long callId, CancellationToken cancellationToken = default)
    {
        var request = Read("GetRecording").With("callid", callId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var text = Answer.Text(request.Function, Answer.Child(root, "url"), "recording url");
        return Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? url
            : throw Answer.Malformed(request.Function, "the recording url is not an absolute URL");
    }

    /// <summary>Searches records by initiative and/or dataset, optionally matching field values (SearchRecord).</summary>
    public virtual async Task<IReadOnlyList<ContactSpaceRecord>> SearchRecordAsync(long? initiativeId, long? datasetId, IReadOnlyDictionary<string, string>? match, CancellationToken cancellationToken = default)
    {
        const string function = "SearchRecord";
        if (initiativeId is null && datasetId is null)
        {
            throw new ArgumentException("SearchRecord needs an initiative id, a dataset id or both.", nameof(initiativeId));
        }

        var request = Read(function).With("module", "data");
        if (initiativeId is { } initiative)
        {
            request.With("initiativeid", initiative);
        }

        if (datasetId is { } dataset)
        {
            request.With("datasetid", dataset);
        }

        if (match is { Count: > 0 })
        {
            request.With("xmldata", RecordXml.Write(function, match));
        }

        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(function, root);
        return Answer.Records(function, root);
    }

    /// <summary>Lists the outcomes defined for an initiative (GetOutcome).</summary>
    public virtual async Task<IReadOnlyList<ContactSpaceOutcome>> GetOutcomeAsync(long initiativeId, CancellationToken cancellationToken = default)
    {
        var request = Read("GetOutcome").With("module", "data").With("initiativeid", initiativeId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var f = request.Function;
        return Answer.All(root, "outcome")
            .Where(o => Answer.Child(o, "Id") is not null)
            .Select(o => new ContactSpaceOutcome(Answer.Long(f, Answer.Child(o, "Id"), "outcome Id"), Answer.Child(o, "Name")?.Value.Trim() ?? string.Empty))
            .ToList();
    }

    /// <summary>Sets the outcome of a record (UpdateOutcome).</summary>
    public virtual async Task UpdateOutcomeAsync(long initiativeId, long recordId, long outcomeId, CancellationToken cancellationToken = default)
    {
        var request = Write("UpdateOutcome").With("module", "data").With("initiativeid", initiativeId).With("recordid", recordId).With("outcomeid", outcomeId);
        Answer.RequireSuccess(request.Function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Lists the caller ids available to the account (GetCLIs).</summary>
    public virtual async Task<IReadOnlyList<ContactSpaceCli>> GetCLIsAsync(CancellationToken cancellationToken = default)
    {
        var request = Read("GetCLIs");
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var f = request.Function;
        return Answer.All(root, "cli")
            .Select(c => new ContactSpaceCli(Answer.Long(f, Answer.Child(c, "id"), "cli id"), Answer.Text(f, Answer.Child(c, "callerid"), "callerid")))
            .ToList();
    }

    /// <summary>Sets an initiative's caller id to one of GetCLIs' ids (UpdateCLI).</summary>
    public virtual async Task UpdateCLIAsync(long initiativeId, long cliId, CancellationToken cancellationToken = default)
    {
        var request = Write("UpdateCLI").With("initiativeid", initiativeId).With("cliid", cliId);
        Answer.RequireSuccess(request.Function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a user's status history for a day, optionally for one status (AgentStatusHistory, beta).</summary>
    public virtual async Task<IReadOnlyList<AgentActivity>> AgentStatusHistoryAsync(long userId, DateOnly date, long? statusId = null, CancellationToken cancellationToken = default)
    {
        var request = BetaRead("AgentStatusHistory").With("userid", userId);
        if (statusId is { } status)
        {
            request.With("statusid", status);
        }

        request.With("date", StartOfDay(date));
        return await ActivitiesAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a user's first and last activity of a day (AgentFirstLastActivity, beta).</summary>
    public virtual Task<IReadOnlyList<AgentActivity>> AgentFirstLastActivityAsync(long userId, DateOnly date, CancellationToken cancellationToken = default)
        => ActivitiesAsync(BetaRead("AgentFirstLastActivity").With("userid", userId).With("date", StartOfDay(date)), cancellationToken);

    /// <summary>Lists the ids of an initiative's calls in a time range (GetCallIDs, beta).</summary>
    public virtual async Task<IReadOnlyList<long>> GetCallIDsAsync(long initiativeId, DateTime fromDate, DateTime toDate, CancellationToken cancellationToken = default)
    {
        var request = BetaRead("GetCallIDs").With("fromdate", Format(fromDate)).With("todate", Format(toDate)).With("initiativeid", initiativeId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        return Answer.All(root, "callid").Select(c => Answer.Long(request.Function, c, "callid")).ToList();
    }

    /// <summary>Inserts a record with a callback booked for a user (InsertRecordWithCallback, beta) and returns its id.</summary>
    public virtual async Task<long> InsertRecordWithCallbackAsync(long datasetId, long userId, DateTime callbackDateTime, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        const string function = "InsertRecordWithCallback";
        var request = new ContactSpaceRequest(function, ContactSpaceApi.Beta, isReadOnly: false)
            .With("datasetid", datasetId).With("userid", userId).With("callbackdatetime", Format(callbackDateTime))
            .With("xmldata", RecordXml.Write(function, fields));
        return Answer.RequireInsertedId(function, await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Lists the calls made on a record with their outcomes (GetLastCall, beta).</summary>
    public virtual async Task<IReadOnlyList<LastCallDetail>> GetLastCallAsync(long initiativeId, long recordId, CancellationToken cancellationToken = default)
    {
        var request = BetaRead("GetLastCall").With("module", "data").With("initiativeid", initiativeId).With("recordid", recordId);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var f = request.Function;
        return Answer.All(root, "outcome")
            .Where(o => Answer.Child(o, "CallId") is not null)
            .Select(o => new LastCallDetail(
                Answer.Long(f, Answer.Child(o, "CallId"), "CallId"),
                Answer.Long(f, Answer.Child(o, "UserId"), "UserId"),
                Answer.Long(f, Answer.Child(o, "OutcomeId"), "OutcomeId"),
                Answer.Time(f, Answer.Child(o, "CompletedDateTime"), "CompletedDateTime")))
            .ToList();
    }

    /// <summary>Reads a skill with its initiatives and users (GetSkillsInfo, beta).</summary>
    public virtual async Task<ContactSpaceSkill> GetSkillsInfoAsync(long skillId, CancellationToken cancellationToken = default)
    {
        var request = BetaRead("GetSkillsInfo").With("skillid", skillId).With("outputtype", "xml");
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        return SkillXml.Read(request.Function, root);
    }

    /// <summary>Adds an initiative to a skill or changes its weight (0.0 to 1.0) and agent filter (AddEditInitiativeToSkill, beta).</summary>
    public virtual Task AddEditInitiativeToSkillAsync(long skillId, long initiativeId, double weight, long? filterId = null, CancellationToken cancellationToken = default)
    {
        if (double.IsNaN(weight) || weight is < 0.0 or > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A skill weight is between 0.0 and 1.0.");
        }

        var request = BetaWrite("AddEditInitiativeToSkill").With("skillid", skillId).With("initiativeid", initiativeId)
            .With("weight", weight.ToString("0.0###", CultureInfo.InvariantCulture))
            .With("filterid", filterId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
            .With("outputtype", "xml");
        return SendWriteAsync(request, cancellationToken);
    }

    /// <summary>Removes an initiative from a skill (RemoveInitiativeFromSkill, beta).</summary>
    public virtual Task RemoveInitiativeFromSkillAsync(long skillId, long initiativeId, CancellationToken cancellationToken = default)
        => SendWriteAsync(BetaWrite("RemoveInitiativeFromSkill").With("skillid", skillId).With("initiativeid", initiativeId).With("outputtype", "xml"), cancellationToken);

    /// <summary>Adds a user to a skill or changes their skill level (1 to 10) (AddEditUserToSkill, beta).</summary>
    public virtual Task AddEditUserToSkillAsync(long skillId, long userId, int skillLevel, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(skillLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skillLevel, 10);
        var request = BetaWrite("AddEditUserToSkill").With("skillid", skillId).With("userid", userId).With("skilllevel", skillLevel).With("outputtype", "xml");
        return SendWriteAsync(request, cancellationToken);
    }

    /// <summary>Removes a user from a skill (RemoveUserFromSkill, beta).</summary>
    public virtual Task RemoveUserFromSkillAsync(long skillId, long userId, CancellationToken cancellationToken = default)
        => SendWriteAsync(BetaWrite("RemoveUserFromSkill").With("skillid", skillId).With("userid", userId).With("outputtype", "xml"), cancellationToken);

    /// <summary>The InsertRecord request, built and validated but not sent (benchmarks measure this).</summary>
    internal static ContactSpaceRequest BuildInsertRecord(long datasetId, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        const string function = "InsertRecord";
        return Write(function).With("module", "data").With("datasetid", datasetId).With("xmldata", RecordXml.Write(function, fields));
    }

    // SetValue's value sits between single quotes: double a quote and a backslash so neither can end it early.
    internal static string QuoteValue(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);

    private static ContactSpaceRequest Read(string function) => new(function, ContactSpaceApi.Production, isReadOnly: true);

    private static ContactSpaceRequest Write(string function) => new(function, ContactSpaceApi.Production, isReadOnly: false);

    private static ContactSpaceRequest BetaRead(string function) => new(function, ContactSpaceApi.Beta, isReadOnly: true);

    private static ContactSpaceRequest BetaWrite(string function) => new(function, ContactSpaceApi.Beta, isReadOnly: false);

    private static string Format(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static string StartOfDay(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture) + " 00:00:00";

    private async Task<IReadOnlyList<ContactSpaceRecord>> GetDataCoreAsync(string function, long initiativeId, DateOnly fromDate, DateOnly toDate, CancellationToken cancellationToken)
    {
        var request = Read(function).With("module", "data").With("moduleid", initiativeId)
            .With("fromdate", fromDate.ToString(DateFormat, CultureInfo.InvariantCulture))
            .With("todate", toDate.ToString(DateFormat, CultureInfo.InvariantCulture));
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(function, root);
        return Answer.Records(function, root);
    }

    private async Task<IReadOnlyList<AgentActivity>> ActivitiesAsync(ContactSpaceRequest request, CancellationToken cancellationToken)
    {
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Answer.ThrowIfFailed(request.Function, root);
        var f = request.Function;
        return Answer.All(root, "activity")
            .Select(a => new AgentActivity(
                Answer.OptionalLong(f, Answer.Child(a, "callid"), "callid"),
                Answer.Time(f, Answer.Child(a, "starttime"), "starttime"),
                Answer.OptionalTime(f, Answer.Child(a, "endtime"), "endtime"),
                Answer.Child(a, "detail")?.Value.Trim()))
            .ToList();
    }

    private async Task SendWriteAsync(ContactSpaceRequest request, CancellationToken cancellationToken)
        => Answer.RequireSuccess(request.Function, await SendAsync(request, cancellationToken).ConfigureAwait(false));

    private Task<XElement> SendAsync(ContactSpaceRequest request, CancellationToken cancellationToken)
        => _transport.SendAsync(request, cancellationToken);
}

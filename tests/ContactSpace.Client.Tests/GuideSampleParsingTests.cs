namespace ContactSpace.Client.Tests;

/// <summary>Each function against the guide's own sample answer: the request it sends and the typed result it reads.</summary>
public sealed class GuideSampleParsingTests
{
    private static readonly Dictionary<string, string> _lead = new() { ["FirstName"] = "Luke", ["LastName"] = "Watson" };

    [Fact]
    public async Task CreateDataSet_sends_the_guide_parameters_and_reads_the_dataset_id()
    {
        var handler = StubHandler.Xml(GuideSamples.CreateDataSet);
        using var harness = ClientHarness.Create(handler);

        var id = await harness.Client.CreateDataSetAsync(42, "Main DataSet", active: true);

        Assert.Equal(1963, id);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("CreateDataSet", query["function"]);
        Assert.Equal("42", query["initiativeid"]);
        Assert.Equal("Main DataSet", query["datasetname"]);
        Assert.Equal("1", query["active"]);
        Assert.Equal(ClientHarness.BaseUrl.Host, handler.LastRequest.Host);
    }

    [Theory]
    [InlineData(GuideSamples.InsertRecord, 5151)]
    [InlineData(GuideSamples.InsertRecordAsSeenLive, 6)]
    public async Task InsertRecord_reads_the_new_id(string answer, long expected)
    {
        var handler = StubHandler.Xml(answer);
        using var harness = ClientHarness.Create(handler);

        var id = await harness.Client.InsertRecordAsync(77, _lead);

        Assert.Equal(expected, id);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("InsertRecord", query["function"]);
        Assert.Equal("data", query["module"]);
        Assert.Equal("77", query["datasetid"]);
        Assert.Equal("<record><FirstName>Luke</FirstName><LastName>Watson</LastName></record>", query["xmldata"]);
    }

    [Fact]
    public async Task InsertRecord_without_an_id_is_not_a_success()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Success));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(77, _lead));

        Assert.True(error.MayHaveBeenApplied);
        Assert.Equal("InsertRecord", error.FunctionName);
    }

    [Fact]
    public async Task UpdateRecord_sends_initiative_record_and_fields()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.UpdateRecordAsync(22, 66, _lead);

        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("UpdateRecord", query["function"]);
        Assert.Equal("22", query["initiativeid"]);
        Assert.Equal("66", query["recordid"]);
        Assert.StartsWith("<record><FirstName>Luke", query["xmldata"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetValue_wraps_the_value_in_single_quotes()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.SetValueAsync(1234, "postcode", "2000");

        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("SetValue", query["function"]);
        Assert.Equal("1234", query["callid"]);
        Assert.Equal("postcode='2000'", query["modulefieldupdate"]);
    }

    [Fact]
    public async Task GetData_and_GetDataWithAgent_send_dates_and_read_records()
    {
        var handler = StubHandler.Xml(GuideSamples.SearchRecord);
        using var harness = ClientHarness.Create(handler);

        var data = await harness.Client.GetDataAsync(25, new DateOnly(2015, 5, 1), new DateOnly(2015, 5, 31));
        var query = ClientHarness.Query(handler.LastRequest);
        var withAgent = await harness.Client.GetDataWithAgentAsync(25, new DateOnly(2015, 5, 1), new DateOnly(2015, 5, 31));

        Assert.Equal(2, data.Count);
        Assert.Equal(2, withAgent.Count);
        Assert.Equal("GetData", query["function"]);
        Assert.Equal("25", query["moduleid"]);
        Assert.Equal("2015-05-01", query["fromdate"]);
        Assert.Equal("2015-05-31", query["todate"]);
        Assert.Equal("GetDataWithAgent", ClientHarness.Query(handler.LastRequest)["function"]);
    }

    [Fact]
    public async Task GetRecord_reads_one_record_or_null()
    {
        var handler = StubHandler.Xml(GuideSamples.SearchRecord);
        using var harness = ClientHarness.Create(handler);

        var record = await harness.Client.GetRecordAsync(5846);
        handler.Respond = (_, _) => Task.FromResult(StubHandler.Response("<xml></xml>"));
        var none = await harness.Client.GetRecordAsync(5847);

        Assert.NotNull(record);
        Assert.Equal(1, record.Id);
        Assert.Equal("John", record.Fields["First_Name"]);
        Assert.Null(none);
        Assert.Equal("5847", ClientHarness.Query(handler.LastRequest)["callid"]);
    }

    [Fact]
    public async Task GetUsers_reads_every_user()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Users));

        var users = await harness.Client.GetUsersAsync();

        Assert.Equal(
            [new ContactSpaceUser(1, "test1@test.com", "Test", "User 1"), new ContactSpaceUser(2, "test2@test.com", "Test", "User 2")],
            users);
    }

    [Fact]
    public async Task GetAgentStatus_reads_the_status_text()
    {
        var handler = StubHandler.Xml(GuideSamples.AgentStatus);
        using var harness = ClientHarness.Create(handler);

        Assert.Equal("Logged Out", await harness.Client.GetAgentStatusAsync(12));
        Assert.Equal("12", ClientHarness.Query(handler.LastRequest)["userid"]);
    }

    [Fact]
    public async Task InsertNextRecord_reads_the_bare_outcome_the_guide_shows()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertNextRecord);
        using var harness = ClientHarness.Create(handler);

        var id = await harness.Client.InsertNextRecordAsync(5, 19, _lead);

        Assert.Equal(99, id);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("InsertNextRecord", query["function"]);
        Assert.Equal("5", query["datasetid"]);
        Assert.Equal("19", query["userid"]);
    }

    [Fact]
    public async Task GetRecording_reads_the_url_without_surrounding_whitespace()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Recording));

        var url = await harness.Client.GetRecordingAsync(6411);

        Assert.Equal(new Uri("http://voicerecordings.contactspace.net/2015/Oct/06/01a131e5-a444-6fdggertg.wav"), url);
    }

    [Fact]
    public async Task SearchRecord_reads_each_record_with_its_own_fields()
    {
        var handler = StubHandler.Xml(GuideSamples.SearchRecord);
        using var harness = ClientHarness.Create(handler);

        var records = await harness.Client.SearchRecordAsync(1963, 240, new Dictionary<string, string> { ["emailaddress"] = "luke.watson@contactspace.com" });

        Assert.Equal([1L, 92L], records.Select(r => r.Id));
        Assert.Equal("61414616126", records[0].Fields["Work_Phone"]);
        Assert.Equal("Answer Machine", records[0].Fields["Outcome"]);
        Assert.False(records[0].Fields.ContainsKey("Id"));
        Assert.Equal(10, records[1].Fields.Count);

        // The initiative's own fields, without contactSPACE's columns (outcome, attempts, flags, original id).
        string[] own = ["Record_ID", "Home_Phone", "Work_Phone", "Mobile_Phone", "First_Name", "Surname", "Email_Address", "Address1", "Suburb", "Postcode", "State"];
        Assert.Equal(own.Order(StringComparer.Ordinal), records[0].InitiativeFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Doe", records[0].InitiativeFields["Surname"]);
        Assert.Equal(8, records[1].InitiativeFields.Count);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("1963", query["initiativeid"]);
        Assert.Equal("240", query["datasetid"]);
        Assert.Equal("<record><emailaddress>luke.watson@contactspace.com</emailaddress></record>", query["xmldata"]);
    }

    [Fact]
    public async Task SearchRecord_by_dataset_only_sends_no_initiative_and_no_xmldata()
    {
        var handler = StubHandler.Xml(GuideSamples.SearchRecord);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.SearchRecordAsync(null, 1963, null);

        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("1963", query["datasetid"]);
        Assert.False(query.ContainsKey("initiativeid"));
        Assert.False(query.ContainsKey("xmldata"));
    }

    [Fact]
    public async Task GetOutcome_reads_ids_and_names()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Outcomes));

        var outcomes = await harness.Client.GetOutcomeAsync(201);

        Assert.Equal([new ContactSpaceOutcome(472, "Completed"), new ContactSpaceOutcome(473, "Callback")], outcomes);
    }

    [Fact]
    public async Task UpdateOutcome_and_UpdateCLI_send_their_ids()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.UpdateOutcomeAsync(201, 66, 472);
        var outcome = ClientHarness.Query(handler.LastRequest);
        await harness.Client.UpdateCLIAsync(148, 21);
        var cli = ClientHarness.Query(handler.LastRequest);

        Assert.Equal(("201", "66", "472"), (outcome["initiativeid"], outcome["recordid"], outcome["outcomeid"]));
        Assert.Equal(("UpdateCLI", "148", "21"), (cli["function"], cli["initiativeid"], cli["cliid"]));
    }

    [Fact]
    public async Task GetCLIs_reads_every_caller_id()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Clis));

        var clis = await harness.Client.GetCLIsAsync();

        Assert.Equal(5, clis.Count);
        Assert.Equal(new ContactSpaceCli(3, "61288803122"), clis[2]);
    }

    [Fact]
    public async Task AgentStatusHistory_goes_to_the_beta_base_and_reads_activities()
    {
        var handler = StubHandler.Xml(GuideSamples.AgentStatusHistory);
        using var harness = ClientHarness.Create(handler);

        var history = await harness.Client.AgentStatusHistoryAsync(19, new DateOnly(2017, 2, 28), statusId: 3);

        Assert.Equal(
            [
                new AgentActivity(1234, new DateTime(2017, 2, 28, 10, 30, 1), new DateTime(2017, 2, 28, 10, 32, 4), "Paused - Training"),
                new AgentActivity(1234, new DateTime(2017, 2, 28, 10, 45, 14), new DateTime(2017, 2, 28, 10, 46, 0), "Paused - No Reason"),
            ],
            history);
        Assert.Equal(ClientHarness.BetaBaseUrl.Host, handler.LastRequest.Host);
        Assert.Equal(ClientHarness.BetaBaseUrl.AbsolutePath, handler.LastRequest.AbsolutePath);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("2017-02-28 00:00:00", query["date"]);
        Assert.Equal("3", query["statusid"]);
    }

    [Fact]
    public async Task AgentFirstLastActivity_reads_times_without_call_or_detail()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.AgentFirstLastActivity));

        var activity = Assert.Single(await harness.Client.AgentFirstLastActivityAsync(19, new DateOnly(2017, 2, 28)));

        Assert.Equal(new AgentActivity(null, new DateTime(2017, 2, 28, 10, 30, 1), new DateTime(2017, 2, 28, 10, 32, 4), null), activity);
    }

    [Fact]
    public async Task GetCallIDs_sends_date_times_and_reads_ids()
    {
        var handler = StubHandler.Xml("<xml><calls><call><callid>6411</callid></call><call><CallId>6428</CallId></call></calls></xml>");
        using var harness = ClientHarness.Create(handler);

        var ids = await harness.Client.GetCallIDsAsync(201, new DateTime(2016, 10, 2, 0, 0, 0), new DateTime(2016, 11, 2, 23, 59, 59));

        Assert.Equal([6411L, 6428L], ids);
        var query = ClientHarness.Query(handler.LastRequest);
        Assert.Equal("2016-10-02 00:00:00", query["fromdate"]);
        Assert.Equal("2016-11-02 23:59:59", query["todate"]);
    }

    [Fact]
    public async Task InsertRecordWithCallback_sends_the_callback_time_to_the_beta_base()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);

        var id = await harness.Client.InsertRecordWithCallbackAsync(5, 19, new DateTime(2026, 12, 4, 9, 30, 0), _lead);

        Assert.Equal(5151, id);
        Assert.Equal(ClientHarness.BetaBaseUrl.Host, handler.LastRequest.Host);
        Assert.Equal("2026-12-04 09:30:00", ClientHarness.Query(handler.LastRequest)["callbackdatetime"]);
    }

    [Fact]
    public async Task GetLastCall_reads_each_call_with_outcome_and_time()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.LastCall));

        var calls = await harness.Client.GetLastCallAsync(201, 66);

        Assert.Equal(
            [
                new LastCallDetail(6411, 19, 4201, new DateTime(2016, 10, 2, 9, 44, 54)),
                new LastCallDetail(6428, 38, 4209, new DateTime(2016, 11, 2, 8, 34, 14)),
            ],
            calls);
    }

    [Fact]
    public async Task Skill_functions_ask_for_xml_and_read_the_skill()
    {
        var handler = StubHandler.Xml("""
            <xml><skill><id>7</id><name>Sales</name>
              <initiatives><initiative><initiativeid>201</initiativeid><weight>0.5</weight><filterid></filterid></initiative></initiatives>
              <users><user><userid>19</userid><skilllevel>8</skilllevel></user></users>
            </skill></xml>
            """);
        using var harness = ClientHarness.Create(handler);

        var skill = await harness.Client.GetSkillsInfoAsync(7);

        Assert.Equal(7, skill.Id);
        Assert.Equal("Sales", skill.Name);
        Assert.Equal([new SkillInitiative(201, 0.5, null)], skill.Initiatives);
        Assert.Equal([new SkillUser(19, 8)], skill.Users);
        Assert.Equal("xml", ClientHarness.Query(handler.LastRequest)["outputtype"]);
    }

    [Fact]
    public async Task Skill_changes_send_their_parameters()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.AddEditInitiativeToSkillAsync(7, 201, 0.25, filterId: 3);
        var addInitiative = ClientHarness.Query(handler.LastRequest);
        await harness.Client.AddEditUserToSkillAsync(7, 19, 10);
        var addUser = ClientHarness.Query(handler.LastRequest);
        await harness.Client.RemoveInitiativeFromSkillAsync(7, 201);
        await harness.Client.RemoveUserFromSkillAsync(7, 19);

        Assert.Equal(("0.25", "3"), (addInitiative["weight"], addInitiative["filterid"]));
        Assert.Equal("10", addUser["skilllevel"]);
        Assert.Equal(
            ["AddEditInitiativeToSkill", "AddEditUserToSkill", "RemoveInitiativeFromSkill", "RemoveUserFromSkill"],
            handler.Requests.Select(r => ClientHarness.Query(r)["function"]));
        Assert.All(handler.Requests, r => Assert.Equal(ClientHarness.BetaBaseUrl.Host, r.Host));
    }

    [Fact]
    public async Task Skill_arguments_out_of_range_are_refused_before_sending()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.AddEditInitiativeToSkillAsync(7, 201, 1.5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.AddEditUserToSkillAsync(7, 19, 11));
        Assert.Empty(handler.Requests);
    }
}

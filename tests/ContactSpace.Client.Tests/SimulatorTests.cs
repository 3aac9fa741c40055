namespace ContactSpace.Client.Tests;

/// <summary>All 26 functions, typed, against the simulator speaking the guide's wire format.</summary>
[Collection(nameof(SimulatorCollection))]
public sealed class SimulatorTests(SimulatorFixture simulator) : IAsyncLifetime
{
    private const long WebLeads = 1;
    private const long WebLeadsDataset = 1;

    private ContactSpaceClient Client => simulator.Client;

    public Task InitializeAsync() => simulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Insert_search_update_and_set_value_round_trip_hostile_values_intact()
    {
        var lead = new Dictionary<string, string>
        {
            ["First_Name"] = "Zoë <b>&amp;</b>",
            ["Surname"] = "O'Brien \"Jr\"",
            ["Email_Address"] = "zoe+test@example.com",
            ["Mobile_Phone"] = "61414616126",
            ["Notes"] = "line 1\nline 2 😀 中文 עברית </Notes><Injected>1</Injected>",
        };

        var id = await Client.InsertRecordAsync(WebLeadsDataset, lead);
        var found = Assert.Single(await Client.SearchRecordAsync(WebLeads, null, new Dictionary<string, string> { ["Email_Address"] = "zoe+test@example.com" }));

        Assert.Equal(id, found.Id);
        foreach (var (name, value) in lead)
        {
            Assert.Equal(value, found.Fields[name]);
        }

        Assert.False(found.Fields.ContainsKey("Injected"));

        await Client.UpdateRecordAsync(WebLeads, id, new Dictionary<string, string> { ["Postcode"] = "2000" });
        var call = await CompleteCallAsync(id, outcomeId: 474);
        await Client.SetValueAsync(call.Id, "Suburb", "Woolloomooloo's \\ end");
        var record = await Client.GetRecordAsync(call.Id);

        Assert.NotNull(record);
        Assert.Equal(id, record.Id);
        Assert.Equal("2000", record.Fields["Postcode"]);
        Assert.Equal("Woolloomooloo's \\ end", record.Fields["Suburb"]);
    }

    [Fact]
    public async Task An_unknown_field_fails_the_way_the_real_service_does()
    {
        var error = await Assert.ThrowsAsync<ContactSpaceException>(
            () => Client.InsertRecordAsync(WebLeadsDataset, new Dictionary<string, string> { ["Record_ID"] = "1" }));

        Assert.Equal(200, error.HttpStatus);
        Assert.False(error.IsTransient);
        Assert.Equal("Unknown column 'Record_ID' in 'field list'", error.ServiceMessage);
    }

    [Fact]
    public async Task CreateDataSet_then_insert_next_and_insert_with_callback_land_in_it()
    {
        var dataset = await Client.CreateDataSetAsync(WebLeads, "Spring campaign", active: false);
        var next = await Client.InsertNextRecordAsync(dataset, 1, new Dictionary<string, string> { ["First_Name"] = "Next" });
        var callback = await Client.InsertRecordWithCallbackAsync(
            dataset, 1, DateTime.UtcNow.Date.AddDays(1).AddHours(9), new Dictionary<string, string> { ["First_Name"] = "Later" });

        var records = await Client.SearchRecordAsync(null, dataset, null);

        Assert.Equal([next, callback], records.Select(r => r.Id!.Value).Order());
    }

    [Fact]
    public async Task GetData_and_GetDataWithAgent_return_records_of_the_period()
    {
        var id = await Client.InsertRecordAsync(WebLeadsDataset, new Dictionary<string, string> { ["First_Name"] = "Dated" });
        await CompleteCallAsync(id, outcomeId: 477);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var data = await Client.GetDataAsync(WebLeads, today.AddDays(-1), today.AddDays(1));
        var withAgent = await Client.GetDataWithAgentAsync(WebLeads, today.AddDays(-1), today.AddDays(1));

        Assert.Contains(data, r => r.Id == id);
        var agentRecord = Assert.Single(withAgent, r => r.Id == id);
        Assert.Equal("1", agentRecord.Fields["AgentId"]);
        Assert.Equal("Sale", agentRecord.Fields["Outcome"]);
    }

    [Fact]
    public async Task Users_statuses_and_their_history()
    {
        var users = await Client.GetUsersAsync();
        Assert.Contains(new ContactSpaceUser(1, "test1@test.com", "Test", "User 1"), users);
        Assert.Equal("On Call", await Client.GetAgentStatusAsync(2));

        await simulator.AdminPostAsync<object>("/_sim/users/4/status", new { status = "Available" });
        await simulator.AdminPostAsync<object>("/_sim/users/4/status", new { status = "Paused - Training" });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var history = await Client.AgentStatusHistoryAsync(4, today);
        var training = await Client.AgentStatusHistoryAsync(4, today, statusId: 5);
        var firstLast = await Client.AgentFirstLastActivityAsync(4, today);

        Assert.Equal("Paused - Training", await Client.GetAgentStatusAsync(4));
        Assert.Contains(history, a => a.Detail == "Available" && a.EndTime is not null);
        Assert.Equal("Paused - Training", Assert.Single(training).Detail);
        Assert.Single(firstLast);
    }

    [Fact]
    public async Task Outcomes_calls_recordings_and_last_calls()
    {
        var outcomes = await Client.GetOutcomeAsync(WebLeads);
        Assert.Contains(new ContactSpaceOutcome(472, "Completed"), outcomes);

        var id = await Client.InsertRecordAsync(WebLeadsDataset, new Dictionary<string, string> { ["First_Name"] = "Called" });
        var first = await CompleteCallAsync(id, outcomeId: 474);
        var second = await CompleteCallAsync(id, outcomeId: 473);
        await Client.UpdateOutcomeAsync(WebLeads, id, 472);

        var lastCalls = await Client.GetLastCallAsync(WebLeads, id);
        var callIds = await Client.GetCallIDsAsync(WebLeads, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1));
        var recording = await Client.GetRecordingAsync(second.Id);
        var record = Assert.Single(await Client.SearchRecordAsync(WebLeads, null, new Dictionary<string, string> { ["First_Name"] = "Called" }));

        Assert.Equal([first.Id, second.Id], lastCalls.Select(c => c.CallId).Order());
        Assert.Contains(lastCalls, c => c.CallId == second.Id && c.OutcomeId == 473 && c.UserId == 1);
        Assert.Contains(first.Id, callIds);
        Assert.Contains(second.Id, callIds);
        Assert.Equal(second.RecordingUrl, recording);
        Assert.Equal("Completed", record.Fields["Outcome"]);
    }

    [Fact]
    public async Task Caller_ids_can_be_listed_and_set()
    {
        var clis = await Client.GetCLIsAsync();

        Assert.Equal(5, clis.Count);
        await Client.UpdateCLIAsync(WebLeads, clis[2].Id);
        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.UpdateCLIAsync(WebLeads, 999));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Skills_can_be_read_and_changed()
    {
        var sales = await Client.GetSkillsInfoAsync(1);
        Assert.Equal("Sales", sales.Name);
        Assert.Equal([new SkillUser(1, 5), new SkillUser(2, 7)], sales.Users);

        await Client.AddEditUserToSkillAsync(1, 3, 4);
        await Client.AddEditInitiativeToSkillAsync(1, 2, 0.25);
        var grown = await Client.GetSkillsInfoAsync(1);
        await Client.RemoveUserFromSkillAsync(1, 3);
        await Client.RemoveInitiativeFromSkillAsync(1, 2);
        var back = await Client.GetSkillsInfoAsync(1);

        Assert.Contains(new SkillUser(3, 4), grown.Users);
        Assert.Contains(new SkillInitiative(2, 0.25, null), grown.Initiatives);
        Assert.Equal(sales.Users, back.Users);
        Assert.Equal(sales.Initiatives, back.Initiatives);
    }

    [Fact]
    public async Task The_simulator_never_sees_more_than_the_guide_parameters_and_logs_no_key()
    {
        await Client.GetUsersAsync();
        await Client.AgentFirstLastActivityAsync(1, DateOnly.FromDateTime(DateTime.UtcNow));

        var calls = await simulator.AdminGetAsync<List<RecordedCallView>>("/_sim/calls");

        Assert.Equal(["GetUsers", "AgentFirstLastActivity"], calls.Select(c => c.Function));
        Assert.Equal("/", calls[0].Path);
        Assert.StartsWith("/beta", calls[1].Path, StringComparison.Ordinal);
        Assert.All(calls, c => Assert.Equal("***", c.Parameters["apikey"]));
        Assert.DoesNotContain(SimulatorFixture.ApiKey, simulator.ClientLogs.AllText, StringComparison.Ordinal);
    }

    private Task<SimCallView> CompleteCallAsync(long recordId, long outcomeId)
        => simulator.AdminPostAsync<SimCallView>(
            "/_sim/calls/complete",
            new { initiativeId = WebLeads, recordId, userId = 1, outcomeId });
}

[CollectionDefinition(nameof(SimulatorCollection))]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>;

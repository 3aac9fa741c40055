using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace ContactSpace.Simulator.Tests;

/// <summary>Section 3 of the guide: beta functions, served on the beta base path and on <c>/</c>.</summary>
public sealed class BetaFunctionTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    private string Today => Factory.Today;

    [Fact]
    public async Task AgentStatusHistory_answers_activities_of_the_day_with_call_ids_and_details()
    {
        var seeded = Factory.Time.GetUtcNow();
        Factory.Time.Advance(TimeSpan.FromMinutes(5));
        Factory.State.SetAgentStatus(1, "On Call", callId: 1234);
        Factory.Time.Advance(TimeSpan.FromSeconds(123));
        Factory.State.SetAgentStatus(1, "Paused - Training");

        var activities = (await Api.XmlAsync("AgentStatusHistory", ("userid", "1"), ("date", Today + " 00:00:00")))
            .Element("activities")!.Elements("activity").ToList();

        Assert.Equal(["Available", "On Call", "Paused - Training"], activities.Select(a => a.Element("detail")!.Value));
        Assert.Equal("1234", activities[1].Element("callid")!.Value);
        Assert.Null(activities[0].Element("callid"));
        Assert.Equal(seeded.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), activities[0].Element("starttime")!.Value);
        Assert.Equal(activities[1].Element("starttime")!.Value, activities[0].Element("endtime")!.Value);
        Assert.Equal(
            seeded.AddSeconds(300 + 123).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            activities[1].Element("endtime")!.Value);
        Assert.Null(activities[2].Element("endtime"));
    }

    [Fact]
    public async Task AgentStatusHistory_filters_by_status_id()
    {
        Factory.State.SetAgentStatus(1, "On Call", callId: 99);
        Factory.State.SetAgentStatus(1, "Available");

        var activities = (await Api.XmlAsync("AgentStatusHistory", ("userid", "1"), ("statusid", "3"), ("date", Today)))
            .Element("activities")!.Elements("activity").ToList();

        Assert.Equal("On Call", Assert.Single(activities).Element("detail")!.Value);
    }

    [Fact]
    public async Task AgentFirstLastActivity_answers_one_activity_or_none_for_a_logged_out_day()
    {
        Factory.State.SetAgentStatus(1, "Paused - Lunch");
        Factory.State.SetAgentStatus(1, "Logged Out");

        var activity = (await Api.XmlAsync("AgentFirstLastActivity", ("userid", "1"), ("date", Today + " 00:00:00")))
            .Element("activities")!.Elements("activity").Single();
        var none = (await Api.XmlAsync("AgentFirstLastActivity", ("userid", "4"), ("date", Today)))
            .Element("activities")!.Elements();

        Assert.NotNull(activity.Element("starttime"));
        Assert.NotNull(activity.Element("endtime"));
        Assert.Empty(none);
    }

    [Fact]
    public async Task GetCallIDs_answers_the_calls_of_the_initiative_in_range()
    {
        var record = Factory.State.InsertRecord(1, [new("First_Name", "Ann")]);
        var first = Factory.State.CompleteCall(1, record.Id, 1, 474, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc));
        var second = Factory.State.CompleteCall(1, record.Id, 2, 472, new DateTime(2026, 1, 6, 9, 0, 0, DateTimeKind.Utc));

        var ids = (await Api.XmlAsync("GetCallIDs", ("fromdate", "2026-01-05 00:00:00"), ("todate", "2026-01-05 23:59:59"), ("initiativeid", "1")))
            .Element("callids")!.Elements("callid").Select(e => long.Parse(e.Value, CultureInfo.InvariantCulture)).ToList();
        var both = (await Api.XmlAsync("GetCallIDs", ("fromdate", "2026-01-01 00:00:00"), ("todate", "2026-01-31 00:00:00"), ("initiativeid", "1")))
            .Element("callids")!.Elements("callid").Count();

        Assert.Equal([first.Id], ids);
        Assert.Equal(2, both);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task InsertRecordWithCallback_inserts_with_the_callback_user_and_time()
    {
        var answer = await Api.XmlAsync(
            "InsertRecordWithCallback", ("datasetid", "1"), ("userid", "2"), ("callbackdatetime", "2026-12-24 09:30:00"),
            ("xmldata", "<record><First_Name>Cal</First_Name></record>"));

        Assert.Equal("Success", answer.Element("outcome")!.Element("message")!.Value);
        var record = Factory.State.Records(1).Single();
        Assert.Equal(record.Id.ToString(CultureInfo.InvariantCulture), answer.Element("outcome")!.Element("id")!.Value);
        Assert.Equal(2, record.AssignedUserId);
        Assert.Equal(new DateTime(2026, 12, 24, 9, 30, 0, DateTimeKind.Utc), record.CallbackAt);
    }

    [Fact]
    public async Task InsertRecordWithCallback_refuses_a_badly_formatted_time()
    {
        var message = await Api.MessageAsync(
            "InsertRecordWithCallback", ("datasetid", "1"), ("userid", "2"), ("callbackdatetime", "24/12/2026 9:30"),
            ("xmldata", "<record><First_Name>Cal</First_Name></record>"));

        Assert.Equal("Invalid callbackdatetime: use YYYY-MM-DD HH:MM:SS", message);
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task GetLastCall_answers_every_call_on_the_record_oldest_first()
    {
        var record = Factory.State.InsertRecord(1, [new("First_Name", "Ann")]);
        var first = Factory.State.CompleteCall(1, record.Id, 1, 475, new DateTime(2016, 10, 2, 9, 44, 54, DateTimeKind.Utc));
        Factory.State.CompleteCall(1, record.Id, 2, 472, new DateTime(2016, 11, 2, 8, 34, 14, DateTimeKind.Utc));

        var outcomes = (await Api.XmlAsync("GetLastCall", ("module", "data"), ("initiativeid", "1"), ("recordid", record.Id.ToString(CultureInfo.InvariantCulture))))
            .Element("lastcalldetails")!.Elements("outcome").ToList();

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(first.Id.ToString(CultureInfo.InvariantCulture), outcomes[0].Element("CallId")!.Value);
        Assert.Equal("1", outcomes[0].Element("UserId")!.Value);
        Assert.Equal("475", outcomes[0].Element("OutcomeId")!.Value);
        Assert.Equal("2016-10-02 09:44:54", outcomes[0].Element("CompletedDateTime")!.Value);
        Assert.Equal("2", outcomes[1].Element("UserId")!.Value);
    }

    [Fact]
    public async Task GetSkillsInfo_answers_JSON_by_default_and_XML_when_asked()
    {
        var json = await Api.JsonAsync("GetSkillsInfo", ("skillid", "1"));
        var xml = await Api.XmlAsync("GetSkillsInfo", ("skillid", "1"), ("outputtype", "xml"));

        Assert.Equal("Success", json.GetProperty("message").GetString());
        var skill = json.GetProperty("skills").EnumerateArray().Single();
        Assert.Equal(1, skill.GetProperty("id").GetInt64());
        Assert.Equal("Sales", skill.GetProperty("name").GetString());
        Assert.Equal(1.0, skill.GetProperty("initiatives")[0].GetProperty("weight").GetDouble());
        Assert.Equal(JsonValueKind.Null, skill.GetProperty("initiatives")[0].GetProperty("filterid").ValueKind);
        Assert.Equal(2, skill.GetProperty("users").GetArrayLength());
        Assert.Equal(7, skill.GetProperty("users")[1].GetProperty("skilllevel").GetInt32());
        var xmlSkill = xml.Element("skills")!.Element("skill")!;
        Assert.Equal("Sales", xmlSkill.Element("name")!.Value);
        Assert.Equal("1", xmlSkill.Element("initiatives")!.Element("initiative")!.Element("initiativeid")!.Value);
        Assert.Equal("5", xmlSkill.Element("users")!.Element("user")!.Element("skilllevel")!.Value);
    }

    [Fact]
    public async Task Skill_edits_change_what_GetSkillsInfo_answers()
    {
        var added = await Api.JsonAsync("AddEditInitiativeToSkill", ("skillid", "2"), ("initiativeid", "1"), ("weight", "0.25"), ("filterid", "null"));
        var user = await Api.JsonAsync("AddEditUserToSkill", ("skillid", "2"), ("userid", "4"), ("skilllevel", "9"));
        var removedUser = await Api.XmlAsync("RemoveUserFromSkill", ("skillid", "2"), ("userid", "3"), ("outputtype", "xml"));
        var removedInitiative = await Api.JsonAsync("RemoveInitiativeFromSkill", ("skillid", "2"), ("initiativeid", "2"));

        Assert.All([added, user, removedInitiative], a => Assert.Equal("Success", a.GetProperty("message").GetString()));
        Assert.Equal("Success", removedUser.Element("outcome")!.Element("message")!.Value);
        var skill = Factory.State.Skills(2).Single();
        Assert.Equal(0.25, Assert.Single(skill.Initiatives).Weight);
        Assert.Equal(9, Assert.Single(skill.Users).SkillLevel);
    }

    [Theory]
    [InlineData("AddEditInitiativeToSkill", "weight", "1.5", "Weight must be between 0.0 and 1.0")]
    [InlineData("AddEditUserToSkill", "skilllevel", "11", "Skill level must be between 1 and 10")]
    public async Task Skill_functions_fail_in_JSON_with_a_message(string function, string name, string value, string expected)
    {
        var answer = await Api.JsonAsync(function, ("skillid", "1"), ("initiativeid", "1"), ("userid", "1"), (name, value));

        Assert.Equal(expected, answer.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/beta/")]
    [InlineData("/beta")]
    [InlineData("/")]
    public async Task Beta_functions_are_served_on_the_beta_path_and_on_the_root(string path)
    {
        using var response = await Api.SendToAsync(path, "GetSkillsInfo");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Success", document.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_beta_path_does_not_serve_production_only_functions()
    {
        using var response = await Api.SendToAsync("/beta/", "InsertRecord", ("datasetid", "1"), ("xmldata", "<record><First_Name>A</First_Name></record>"));
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("Invalid function", answer.Descendants("message").Single().Value);
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task The_beta_base_path_is_configurable()
    {
        using var custom = SimulatorFactory.WithSettings(new() { ["Simulator:BetaBasePath"] = "/v2beta/" });
        var api = custom.Api();

        using var response = await api.SendToAsync("/v2beta/", "GetLastCall", ("initiativeid", "1"), ("recordid", "1"));
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        using var old = await api.SendToAsync("/beta/", "GetSkillsInfo");

        Assert.Equal("Invalid record ID", answer.Descendants("message").Single().Value);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }
}

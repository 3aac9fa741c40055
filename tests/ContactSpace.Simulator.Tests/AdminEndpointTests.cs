using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSpace.Simulator.Tests;

/// <summary>The operator endpoints under <c>/_sim/</c>.</summary>
public sealed class AdminEndpointTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    private static Uri Path(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Records_lists_what_is_stored_per_initiative()
    {
        await Api.InsertAsync(1, "<record><First_Name>One</First_Name></record>");
        await Api.InsertAsync(2, "<record><First_Name>Two</First_Name></record>");

        var first = await Api.Http.GetFromJsonAsync<JsonElement>(Path("/_sim/records?initiativeId=1"));
        var all = await Api.Http.GetFromJsonAsync<JsonElement>(Path("/_sim/records"));

        var record = Assert.Single(first.EnumerateArray());
        Assert.Equal("One", record.GetProperty("fields").GetProperty("First_Name").GetString());
        Assert.Equal(1, record.GetProperty("datasetId").GetInt64());
        Assert.Equal(2, all.GetArrayLength());
    }

    [Fact]
    public async Task Setting_a_users_status_shows_in_GetAgentStatus()
    {
        using var response = await Api.Http.PostAsJsonAsync(Path("/_sim/users/4/status"), new { status = "paused - lunch" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Paused - Lunch", (await Api.XmlAsync("GetAgentStatus", ("userid", "4"))).Element("status")!.Value);
    }

    [Theory]
    [InlineData("/_sim/users/4/status", "Sleeping", HttpStatusCode.BadRequest)]
    [InlineData("/_sim/users/99/status", "Available", HttpStatusCode.NotFound)]
    public async Task Setting_an_unknown_status_or_user_is_refused(string path, string status, HttpStatusCode expected)
    {
        using var response = await Api.Http.PostAsJsonAsync(Path(path), new { status });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Completing_a_call_feeds_GetLastCall_GetRecord_and_GetCallIDs()
    {
        var recordId = await Api.InsertAsync(1, "<record><First_Name>Call</First_Name></record>");

        using var response = await Api.Http.PostAsJsonAsync(
            Path("/_sim/calls/complete"),
            new { initiativeId = 1, recordId, userId = 2, outcomeId = 477, completedAt = "2026-03-04T05:06:07Z" });
        var call = await response.Content.ReadFromJsonAsync<JsonElement>();
        var callId = call.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var last = (await Api.XmlAsync("GetLastCall", ("initiativeid", "1"), ("recordid", recordId.ToString(CultureInfo.InvariantCulture))))
            .Element("lastcalldetails")!.Element("outcome")!;
        Assert.Equal(callId, last.Element("CallId")!.Value);
        Assert.Equal("2026-03-04 05:06:07", last.Element("CompletedDateTime")!.Value);
        var record = (await Api.XmlAsync("GetRecord", ("callid", callId))).Element("records")!.Element("record")!;
        Assert.Equal("Sale", record.Element("Outcome")!.Value);
        Assert.Equal("1", record.Element("IsComplete")!.Value);
        var ids = (await Api.XmlAsync("GetCallIDs", ("initiativeid", "1"), ("fromdate", "2026-03-04 00:00:00"), ("todate", "2026-03-04 23:59:59")))
            .Element("callids")!.Elements("callid").Select(e => e.Value);
        Assert.Equal([callId], ids);
    }

    [Fact]
    public async Task A_completion_time_without_a_zone_is_taken_as_UTC()
    {
        var recordId = await Api.InsertAsync(1, "<record><First_Name>Zone</First_Name></record>");

        using var response = await Api.Http.PostAsJsonAsync(
            Path("/_sim/calls/complete"),
            new { initiativeId = 1, recordId, userId = 1, outcomeId = 474, completedAt = "2026-03-04T23:30:00" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new DateTime(2026, 3, 4, 23, 30, 0, DateTimeKind.Utc), Factory.State.Calls().Single().CompletedAt);
    }

    [Fact]
    public async Task Completing_a_call_on_a_missing_record_is_404()
    {
        using var response = await Api.Http.PostAsJsonAsync(
            Path("/_sim/calls/complete"), new { initiativeId = 1, recordId = 999, userId = 1, outcomeId = 472 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reset_returns_to_the_seed_and_clears_faults_and_calls()
    {
        await Api.InsertAsync(1, "<record><First_Name>Gone</First_Name></record>");
        await Api.Http.PostAsJsonAsync(Path("/_sim/faults"), new { kind = "http500", function = "GetCLIs" });
        await Api.Http.PostAsJsonAsync(Path("/_sim/users/1/status"), new { status = "Logged Out" });

        using var response = await Api.Http.PostAsync(Path("/_sim/reset"), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Factory.State.Records());
        Assert.Empty(Factory.Faults.Active());
        Assert.Empty(Factory.CallLog.Calls);
        Assert.Equal("Available", Factory.State.GetAgentStatus(1));
        Assert.Equal(1, await Api.InsertAsync(1, "<record><First_Name>Again</First_Name></record>"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSpace.Simulator.Faults;

namespace ContactSpace.Simulator.Tests;

/// <summary>Every call is recorded for inspection, and the api key is never kept or logged.</summary>
public sealed class CallLogTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    [Fact]
    public async Task Calls_are_recorded_with_function_parameters_status_and_the_key_redacted()
    {
        await Api.InsertAsync(1, "<record><First_Name>Red</First_Name></record>");
        Factory.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Count = 1 });
        (await Api.SendAsync("GetUsers")).Dispose();

        var calls = await Api.Http.GetFromJsonAsync<JsonElement>(new Uri("/_sim/calls", UriKind.Relative));

        Assert.Equal(2, calls.GetArrayLength());
        var insert = calls[0];
        Assert.Equal("InsertRecord", insert.GetProperty("function").GetString());
        Assert.Equal("***", insert.GetProperty("parameters").GetProperty("apikey").GetString());
        Assert.Equal("1", insert.GetProperty("parameters").GetProperty("datasetid").GetString());
        Assert.Equal(200, insert.GetProperty("status").GetInt32());
        Assert.Equal("Success", insert.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, insert.GetProperty("fault").ValueKind);
        Assert.Equal("http503", calls[1].GetProperty("fault").GetString());
        Assert.Equal(503, calls[1].GetProperty("status").GetInt32());
        Assert.DoesNotContain(SimulatorFactory.ApiKey, calls.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_redacted_too()
    {
        (await new ApiClient(Api.Http, "guessed-key-123").SendAsync("GetUsers")).Dispose();

        var call = Assert.Single(Factory.CallLog.Calls);

        Assert.Equal("***", call.Parameters["apikey"]);
        Assert.Equal("Invalid API key", call.Message);
    }

    [Fact]
    public async Task No_log_line_holds_the_key_and_each_call_is_logged_at_debug()
    {
        await Api.InsertAsync(1, "<record><First_Name>Log</First_Name></record>");
        (await new ApiClient(Api.Http, "guessed-key-456").SendAsync("GetUsers")).Dispose();

        Assert.DoesNotContain(SimulatorFactory.ApiKey, Factory.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-key-456", Factory.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(Factory.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("function InsertRecord answered 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_call_log_can_be_cleared()
    {
        (await Api.SendAsync("GetUsers")).Dispose();

        using var cleared = await Api.Http.DeleteAsync(new Uri("/_sim/calls", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(Factory.CallLog.Calls);
    }

    [Fact]
    public async Task Admin_endpoints_are_not_recorded_as_calls()
    {
        (await Api.Http.GetAsync(new Uri("/_sim/records", UriKind.Relative))).Dispose();

        Assert.Empty(Factory.CallLog.Calls);
    }
}

public sealed class CallLogCapacityTests
{
    [Fact]
    public void The_log_keeps_the_latest_calls_up_to_its_capacity()
    {
        var log = new ContactSpace.Simulator.Calls.CallLog(capacity: 3);
        var parameters = new Dictionary<string, string> { ["apikey"] = "secret" };

        for (var i = 0; i < 5; i++)
        {
            log.Add(DateTimeOffset.UnixEpoch, "GET", "/", "GetUsers", parameters, 200, null, null);
        }

        Assert.Equal([3L, 4L, 5L], log.Calls.Select(c => c.Sequence));
        Assert.All(log.Calls, c => Assert.Equal("***", c.Parameters["apikey"]));
    }
}

using System.Net;

namespace ContactSpace.Client.Tests;

/// <summary>The API key rides in the query string: no log line, exception or description may show it.</summary>
public sealed class RedactionTests
{
    [Fact]
    public async Task Logs_of_a_succeeding_and_a_failing_call_never_hold_the_key()
    {
        var handler = StubHandler.Sequence(
            () => StubHandler.Response(GuideSamples.InsertRecord),
            () => StubHandler.Response(GuideSamples.UnknownColumn),
            () => StubHandler.Response("boom", HttpStatusCode.InternalServerError));
        using var harness = ClientHarness.Create(handler);
        var fields = new Dictionary<string, string> { ["FirstName"] = "Luke" };

        await harness.Client.InsertRecordAsync(1, fields);
        var rejected = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, fields));
        var failed = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, fields));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("apikey=***", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.DoesNotContain(ClientHarness.ApiKey, harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, rejected.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, failed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logged_urls_summarise_record_data_instead_of_showing_it()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.InsertRecord));

        await harness.Client.InsertRecordAsync(1, new Dictionary<string, string> { ["Mobile"] = "61414616126" });

        Assert.DoesNotContain("61414616126", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains("xmldata=(", harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_message_that_echoes_the_key_is_masked()
    {
        var echo = $"<xml><outcome><message>Invalid API key {ClientHarness.ApiKey}</message></outcome></xml>";
        using var harness = ClientHarness.Create(StubHandler.Xml(echo));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetUsersAsync());

        Assert.Equal("Invalid API key ***", error.ServiceMessage);
        Assert.DoesNotContain(ClientHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_leaves_no_key_in_the_exception_or_logs()
    {
        var handler = new StubHandler((request, _) => throw new HttpRequestException(
            HttpRequestError.ResponseEnded, "The response ended prematurely.", null, null));
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.UpdateOutcomeAsync(1, 2, 3));

        Assert.DoesNotContain(ClientHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_describe_themselves_without_the_key()
    {
        var options = new ContactSpaceClientOptions { BaseUrl = ClientHarness.BaseUrl, ApiKey = ClientHarness.ApiKey };

        Assert.DoesNotContain(ClientHarness.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=***", options.ToString(), StringComparison.Ordinal);
    }
}

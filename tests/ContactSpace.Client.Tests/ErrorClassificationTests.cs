using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Client.Tests;

/// <summary>Every failure style ends in one <see cref="ContactSpaceException"/> classified for the caller's retry decision.</summary>
public sealed class ErrorClassificationTests
{
    private static readonly Dictionary<string, string> _lead = new() { ["FirstName"] = "Luke" };

    [Fact]
    public async Task Http_200_with_an_error_message_is_a_permanent_rejection()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml("<xml><outcome><message>Invalid Dataset ID</message></outcome></xml>"));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: 200, transient: false, sent: true, mayHaveBeenApplied: false);
        Assert.Equal("Invalid Dataset ID", error.ServiceMessage);
    }

    [Fact]
    public async Task Unknown_column_is_permanent_and_carries_the_service_message()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.UnknownColumn));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: 200, transient: false, sent: true, mayHaveBeenApplied: false);
        Assert.Equal("Unknown column 'Record_ID' in 'field list'", error.ServiceMessage);
        Assert.Contains("Unknown column 'Record_ID'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_SQL_syntax_error_is_permanent()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.SqlSyntaxError));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: 200, transient: false, sent: true, mayHaveBeenApplied: false);
        Assert.StartsWith("You have an error in your SQL syntax", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_saying_to_try_later_is_transient()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml("<xml><outcome><message>Rate limit exceeded, try again later</message></outcome></xml>"));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetUsersAsync());

        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_5xx_is_transient_and_may_have_been_applied(HttpStatusCode status)
    {
        using var harness = ClientHarness.Create(StubHandler.Xml("<html>down</html>", status));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: (int)status, transient: true, sent: true, mayHaveBeenApplied: true);
    }

    [Fact]
    public async Task A_429_is_transient_not_applied_and_carries_Retry_After()
    {
        var handler = new StubHandler((_, _) =>
        {
            var response = StubHandler.Response("<xml><outcome><message>Too Many Requests</message></outcome></xml>", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return Task.FromResult(response);
        });
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 2);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetUsersAsync());

        AssertFailure(error, "GetUsers", status: 429, transient: true, sent: true, mayHaveBeenApplied: false);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal("Too Many Requests", error.ServiceMessage);
        Assert.Single(handler.Requests); // a long Retry-After goes back to the caller instead of holding the call
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Other_4xx_are_permanent(HttpStatusCode status)
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(string.Empty, status));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetAgentStatusAsync(12));

        AssertFailure(error, "GetAgentStatus", status: (int)status, transient: false, sent: true, mayHaveBeenApplied: false);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("<xml><outcome><id>5</id><message>Succ")]
    [InlineData("<html><body>Gateway error</body></html")]
    [InlineData("Success")]
    public async Task A_malformed_or_empty_body_is_transient_and_may_have_been_applied(string body)
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(body));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: 200, transient: true, sent: true, mayHaveBeenApplied: true);
    }

    [Fact]
    public async Task Well_formed_xml_without_the_expected_element_is_malformed()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml("<xml><something/></xml>"));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetAgentStatusAsync(12));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task A_document_type_declaration_is_not_processed()
    {
        const string Bomb = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><xml><status>&b;</status></xml>";
        using var harness = ClientHarness.Create(StubHandler.Xml(Bomb));

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetAgentStatusAsync(12));

        Assert.True(error.IsTransient);
        Assert.Null(error.ServiceMessage);
    }

    [Fact]
    public async Task A_dropped_connection_after_sending_may_have_been_applied()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        AssertFailure(error, "InsertRecord", status: null, transient: true, sent: true, mayHaveBeenApplied: true);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_refused_connection_cannot_have_been_applied()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, _lead));

        Assert.True(error.IsTransient);
        Assert.False(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_timeout_fails_as_transient_and_possibly_applied()
    {
        var time = new FakeTimeProvider();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (_, token) =>
        {
            arrived.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var harness = ClientHarness.Create(handler, o => o.Timeout = TimeSpan.FromSeconds(10), s => s.AddSingleton<TimeProvider>(time));

        var call = harness.Client.InsertRecordAsync(1, _lead);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => call);

        AssertFailure(error, "InsertRecord", status: null, transient: true, sent: true, mayHaveBeenApplied: true);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_failure_escapes_as_a_bare_HttpRequestException()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("anything"));
        using var harness = ClientHarness.Create(handler);

        var error = await Record.ExceptionAsync(() => harness.Client.GetUsersAsync());

        Assert.IsType<ContactSpaceException>(error);
    }

    private static void AssertFailure(ContactSpaceException error, string function, int? status, bool transient, bool sent, bool mayHaveBeenApplied)
    {
        Assert.Equal(function, error.FunctionName);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(sent, error.RequestSent);
        Assert.Equal(mayHaveBeenApplied, error.MayHaveBeenApplied);
    }
}

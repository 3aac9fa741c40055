using System.Net;
using ContactSpace.Client.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Client.Tests;

/// <summary>Reads are retried on transient failures; writes never are (a retried insert could land twice).</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_read_is_retried_after_a_503_and_succeeds()
    {
        var handler = StubHandler.Sequence(
            () => StubHandler.Response("busy", HttpStatusCode.ServiceUnavailable),
            () => StubHandler.Response(GuideSamples.Users));
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 2);

        var users = await harness.Client.GetUsersAsync();

        Assert.Equal(2, users.Count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_read_gives_up_after_the_configured_retries()
    {
        var handler = StubHandler.Xml("busy", HttpStatusCode.BadGateway);
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 1);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetOutcomeAsync(201));

        Assert.Equal(502, error.HttpStatus);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Writes_are_never_retried()
    {
        var handler = StubHandler.Xml("busy", HttpStatusCode.ServiceUnavailable);
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 3);
        var fields = new Dictionary<string, string> { ["FirstName"] = "Luke" };

        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordAsync(1, fields));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertNextRecordAsync(1, 2, fields));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.InsertRecordWithCallbackAsync(1, 2, DateTime.UnixEpoch, fields));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.UpdateRecordAsync(1, 2, fields));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.UpdateOutcomeAsync(1, 2, 3));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.UpdateCLIAsync(1, 2));
        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.SetValueAsync(1, "Surname", "x"));

        Assert.Equal(7, handler.Requests.Count);
    }

    [Fact]
    public async Task A_permanent_http_failure_of_a_read_is_not_retried()
    {
        var handler = StubHandler.Xml(string.Empty, HttpStatusCode.Forbidden);
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 3);

        await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetUsersAsync());

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Every_retry_attempt_draws_from_the_shared_budget()
    {
        var handler = StubHandler.Sequence(
            () => StubHandler.Response("busy", HttpStatusCode.ServiceUnavailable),
            () => StubHandler.Response(GuideSamples.Users));
        using var limit = new ContactSpaceRateLimit(10, TimeSpan.FromSeconds(1), autoReplenish: false);
        using var harness = ClientHarness.Create(handler, o => o.MaxReadRetries = 2, s => s.AddSingleton(limit));

        await harness.Client.GetUsersAsync();

        Assert.Equal(8, limit.Limiter.GetStatistics()!.CurrentAvailablePermits);
    }
}

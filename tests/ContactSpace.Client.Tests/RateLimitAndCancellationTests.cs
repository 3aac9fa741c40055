using ContactSpace.Client.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Client.Tests;

/// <summary>
/// One budget for every call in the process. The buckets built here refill only when the test says so (with a
/// 1 ms period, so one refill fills the bucket), and the tests count permits instead of timing anything.
/// </summary>
public sealed class RateLimitAndCancellationTests
{
    private static readonly Dictionary<string, string> _lead = new() { ["FirstName"] = "Luke" };

    [Fact]
    public async Task Calls_beyond_the_budget_wait_for_the_next_refill()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var limit = new ContactSpaceRateLimit(3, TimeSpan.FromMilliseconds(1), autoReplenish: false);
        using var harness = ClientHarness.Create(handler, services: s => s.AddSingleton(limit));

        // Reads and writes, through both HTTP clients, draw from the same bucket.
        var calls = Enumerable.Range(0, 5).Select(i => i % 2 == 0
            ? harness.Client.InsertRecordAsync(1, _lead)
            : harness.Client.GetRecordAsync(i).ContinueWith(t => t.IsCompletedSuccessfully ? 0L : throw t.Exception!.InnerException!, TaskScheduler.Default)).ToList();
        await WaitUntil(() => limit.Limiter.GetStatistics()!.CurrentQueuedCount == 2);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(0, limit.Limiter.GetStatistics()!.CurrentAvailablePermits);

        await Task.Delay(2); // let at least one 1 ms period pass, so the refill is whole
        Assert.True(limit.Replenish());
        await Task.WhenAll(calls);
        Assert.Equal(5, handler.Requests.Count);
        Assert.Equal(1, limit.Limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void The_budget_holds_the_configured_rate_per_second(int perSecond)
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Success), o => o.MaxRequestsPerSecond = perSecond);

        var limiter = harness.RateLimit.Limiter;
        var leases = Enumerable.Range(0, perSecond + 1).Select(_ => limiter.AttemptAcquire(1)).ToList();

        Assert.Equal(perSecond, leases.Count(l => l.IsAcquired));
        Assert.False(leases[^1].IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.ReplenishmentPeriod);
        Assert.True(limiter.IsAutoReplenishing);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public void Every_client_in_the_process_shares_one_budget()
    {
        using var harness = ClientHarness.Create(StubHandler.Xml(GuideSamples.Success));

        Assert.Same(harness.RateLimit, harness.Services.GetRequiredService<ContactSpaceRateLimit>());
        Assert.Same(harness.Client, harness.Services.GetRequiredService<ContactSpaceClient>());
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_permit_raises_a_transient_not_sent_failure()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var limit = new ContactSpaceRateLimit(1, TimeSpan.FromMilliseconds(1), autoReplenish: false);
        using var harness = ClientHarness.Create(handler, services: s => s.AddSingleton(limit));
        await harness.Client.InsertRecordAsync(1, _lead);
        using var cancellation = new CancellationTokenSource();

        var waiting = harness.Client.InsertRecordAsync(1, _lead, cancellation.Token);
        await WaitUntil(() => limit.Limiter.GetStatistics()!.CurrentQueuedCount == 1);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => waiting);

        Assert.True(error.IsTransient);
        Assert.False(error.RequestSent);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancelling_after_the_request_was_sent_raises_OperationCanceledException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (_, token) =>
        {
            arrived.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var harness = ClientHarness.Create(handler);
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.InsertRecordAsync(1, _lead, cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var handler = StubHandler.Xml(GuideSamples.Users);
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.GetUsersAsync(new CancellationToken(canceled: true)));

        Assert.False(error.RequestSent);
        Assert.Empty(handler.Requests);
    }

    // Waits for a state the test drives (never for time to pass); the bound only stops a broken test from hanging.
    private static async Task WaitUntil(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, bound.Token);
        }
    }
}

using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ReadApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Agents_and_a_days_history_come_back_flat_with_stable_names()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        var statuses = new Dictionary<long, string> { [11] = "Available" };
        harness.Client.GetUsersAsync(Arg.Any<CancellationToken>()).Returns([new ContactSpaceUser(11, "ann@example.com", "Ann", "Lee")]);
        harness.Client.GetAgentStatusAsync(11, Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult(statuses[11]));
        var poller = harness.Get<AgentStatusPoller>();
        await poller.RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromHours(16));
        statuses[11] = "Logged Out";
        await poller.RunCycleAsync(false, default);

        var agents = HttpRequests.ValueOf<List<AgentStatusView>>(await harness.Get<ListAgentsEndpoint>().HandleAsync(HttpRequests.Get(), default));
        var day1 = HttpRequests.ValueOf<List<AgentStatusSpellView>>(await harness.Get<AgentHistoryEndpoint>().HandleAsync(HttpRequests.Get("?date=2026-03-02"), "11", default));
        var day2 = HttpRequests.ValueOf<List<AgentStatusSpellView>>(await harness.Get<AgentHistoryEndpoint>().HandleAsync(HttpRequests.Get("?date=2026-03-03"), "11", default));
        var day3 = HttpRequests.ValueOf<List<AgentStatusSpellView>>(await harness.Get<AgentHistoryEndpoint>().HandleAsync(HttpRequests.Get("?date=2026-03-04"), "11", default));

        Assert.Equal([new AgentStatusView(11, "ann@example.com", "Ann", "Lee", "Logged Out", PollingHarness.Start.AddHours(16))], agents);
        Assert.Equal([new AgentStatusSpellView(11, "Available", PollingHarness.Start, PollingHarness.Start.AddHours(16), 16 * 3600)], day1);
        // The logout at 00:00 on the 3rd is still open: it shows on the 3rd, and not on the 4th, which has not begun.
        Assert.Equal(["Logged Out"], day2.Select(s => s.Status));
        Assert.Null(day2[0].EndedAt);
        Assert.Empty(day3);

        var json = System.Text.Json.JsonSerializer.Serialize(day2[0]);
        Assert.Equal("{\"userId\":11,\"status\":\"Logged Out\",\"startedAt\":\"2026-03-03T00:00:00+00:00\",\"endedAt\":null,\"durationSeconds\":0}", json);
    }

    [Theory]
    [InlineData("?date=2026-13-01", "11")]
    [InlineData("?date=02/03/2026", "11")]
    [InlineData("?date=yesterday", "11")]
    [InlineData("?date=2026-03-02", "ann")]
    [InlineData("?date=2026-03-02", "-1")]
    public async Task A_bad_date_or_user_is_a_400_problem(string query, string userId)
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);

        var result = await harness.Get<AgentHistoryEndpoint>().HandleAsync(HttpRequests.Get(query), userId, default);

        Assert.Equal(400, HttpRequests.ProblemOf(result).Status);
    }
}

using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AgentStatusPollerTests(AzuriteFixture azurite)
{
    private static readonly ContactSpaceUser _ann = new(11, "ann@example.com", "Ann", "Lee");
    private static readonly ContactSpaceUser _bob = new(12, "bob@example.com", "Bob", "Ng");

    [Fact]
    public async Task A_status_change_closes_the_old_spell_and_opens_a_new_one()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        var statuses = Agents(harness, (_ann, "Available"), (_bob, "Logged Out"));
        var poller = harness.Get<AgentStatusPoller>();

        var first = await poller.RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        statuses[_ann.Id] = "On Call";
        var second = await poller.RunCycleAsync(false, default);

        Assert.Equal(2, first.StatusChanges);
        Assert.Equal(1, second.StatusChanges);
        var current = await harness.ReadAsync<AgentStatusEntity>(PollingTables.AgentStatus);
        var ann = Assert.Single(current, r => r.UserId == _ann.Id);
        Assert.Equal("On Call", ann.Status);
        Assert.Equal(PollingHarness.Start.AddMinutes(1), ann.StatusSince);
        Assert.Equal("Ann", ann.FirstName);

        var history = (await harness.ReadAsync<AgentStatusHistoryEntity>(PollingTables.AgentStatusHistory, "11")).OrderBy(h => h.StartedAt).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(("Available", PollingHarness.Start, (DateTimeOffset?)PollingHarness.Start.AddMinutes(1), false), (history[0].Status, history[0].StartedAt, history[0].EndedAt, history[0].IsOpen));
        Assert.Equal(("On Call", PollingHarness.Start.AddMinutes(1), (DateTimeOffset?)null, true), (history[1].Status, history[1].StartedAt, history[1].EndedAt, history[1].IsOpen));
    }

    [Fact]
    public async Task Nothing_is_written_when_no_status_changed()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        Agents(harness, (_ann, "Available"), (_bob, "Paused - Training"));
        var poller = harness.Get<AgentStatusPoller>();
        await poller.RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        harness.TableRequests.Reset();

        var result = await poller.RunCycleAsync(false, default);

        Assert.True(result.Ran);
        Assert.Equal(2, result.AgentsChecked);
        Assert.Equal(0, result.StatusChanges);
        Assert.Equal(0, harness.TableRequests.Batches);
        // Only the lease is written: claimed and released.
        Assert.Equal(2, harness.TableRequests.Writes);
        await harness.Client.Received(1).GetUsersAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Agents_logged_out_for_a_while_are_checked_less_often()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, new Dictionary<string, string?>
        {
            ["Bridge:Polling:LoggedOutBackoffAfter"] = "00:30:00",
            ["Bridge:Polling:LoggedOutCheckInterval"] = "00:15:00",
        });
        Agents(harness, (_ann, "Available"), (_bob, "Logged Out"));
        var poller = harness.Get<AgentStatusPoller>();

        for (var minute = 0; minute < 120; minute++)
        {
            await poller.RunCycleAsync(false, default);
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await harness.Client.Received(120).GetAgentStatusAsync(_ann.Id, Arg.Any<CancellationToken>());
        // Every minute for the first 30 (31 checks, minutes 0..30), then every 15 minutes (45, 60, 75, 90, 105).
        await harness.Client.Received(36).GetAgentStatusAsync(_bob.Id, Arg.Any<CancellationToken>());
        // Users are read on their own hourly schedule, not every cycle.
        await harness.Client.Received(2).GetUsersAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_logged_out_agent_who_logs_back_in_is_seen_at_the_next_check()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        var statuses = Agents(harness, (_bob, "Logged Out"));
        var poller = harness.Get<AgentStatusPoller>();
        for (var minute = 0; minute <= 31; minute++)
        {
            await poller.RunCycleAsync(false, default);
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        statuses[_bob.Id] = "Available";
        var seenAfter = 0;
        while ((await harness.ReadAsync<AgentStatusEntity>(PollingTables.AgentStatus)).Single().Status != "Available")
        {
            await poller.RunCycleAsync(false, default);
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            seenAfter++;
        }

        Assert.InRange(seenAfter, 1, 15);
        var row = (await harness.ReadAsync<AgentStatusEntity>(PollingTables.AgentStatus)).Single();
        Assert.Null(row.NextCheckAt);
    }

    [Fact]
    public async Task A_double_fired_or_concurrent_cycle_does_nothing()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        // A second instance: its own services and lease object, the same storage.
        await using var other = await PollingHarness.CreateAsync(azurite, client: harness.Client, time: harness.Time, resetTables: false);
        var gate = new TaskCompletionSource();
        var statuses = Agents(harness, (_ann, "Available"));
        harness.Client.GetAgentStatusAsync(_ann.Id, Arg.Any<CancellationToken>()).Returns(async _ =>
        {
            await gate.Task;
            return statuses[_ann.Id];
        });

        var running = harness.Get<AgentStatusPoller>().RunCycleAsync(false, default);
        var concurrent = await other.Get<AgentStatusPoller>().RunCycleAsync(true, default);
        gate.SetResult();
        var first = await running;
        var doubleFired = await other.Get<AgentStatusPoller>().RunCycleAsync(true, default);

        Assert.True(first.Ran);
        Assert.False(concurrent.Ran);
        Assert.False(doubleFired.Ran);
        await harness.Client.Received(1).GetAgentStatusAsync(_ann.Id, Arg.Any<CancellationToken>());
        Assert.Single(await harness.ReadAsync<AgentStatusHistoryEntity>(PollingTables.AgentStatusHistory));

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await other.Get<AgentStatusPoller>().RunCycleAsync(false, default)).Ran);
    }

    [Fact]
    public async Task A_user_removed_from_contactSPACE_leaves_the_current_table_and_the_spell_ends()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, new Dictionary<string, string?> { ["Bridge:Polling:UserRefreshInterval"] = "00:05:00" });
        Agents(harness, (_ann, "Available"), (_bob, "Available"));
        var poller = harness.Get<AgentStatusPoller>();
        await poller.RunCycleAsync(false, default);
        harness.Client.GetUsersAsync(Arg.Any<CancellationToken>()).Returns([_ann]);

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await poller.RunCycleAsync(false, default);

        Assert.Equal([_ann.Id], (await harness.ReadAsync<AgentStatusEntity>(PollingTables.AgentStatus)).Select(r => r.UserId));
        var spell = Assert.Single(await harness.ReadAsync<AgentStatusHistoryEntity>(PollingTables.AgentStatusHistory, "12"));
        Assert.False(spell.IsOpen);
        Assert.Equal(PollingHarness.Start.AddMinutes(5), spell.EndedAt);
    }

    [Fact]
    public async Task One_agent_failing_does_not_stop_the_others()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        Agents(harness, (_ann, "Available"), (_bob, "Available"));
        harness.Client.GetAgentStatusAsync(_bob.Id, Arg.Any<CancellationToken>())
            .Returns<string>(_ => throw new ContactSpaceException("GetAgentStatus", "boom", new ContactSpaceFailure(503, null, true, true, false)));

        var result = await harness.Get<AgentStatusPoller>().RunCycleAsync(false, default);

        Assert.Equal(1, result.Failures);
        Assert.Equal([_ann.Id], (await harness.ReadAsync<AgentStatusEntity>(PollingTables.AgentStatus)).Select(r => r.UserId));
    }

    private static Dictionary<long, string> Agents(PollingHarness harness, params (ContactSpaceUser User, string Status)[] agents)
    {
        var statuses = agents.ToDictionary(a => a.User.Id, a => a.Status);
        harness.Client.GetUsersAsync(Arg.Any<CancellationToken>()).Returns(agents.Select(a => a.User).ToList());
        harness.Client.GetAgentStatusAsync(Arg.Any<long>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult(statuses[call.ArgAt<long>(0)]));
        return statuses;
    }
}

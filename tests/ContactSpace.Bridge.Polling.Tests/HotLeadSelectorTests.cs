using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class HotLeadSelectorTests(AzuriteFixture azurite)
{
    private static readonly MappedLead _lead = new()
    {
        Route = "hot",
        DatasetId = 1,
        InitiativeId = 1,
        Mode = InsertMode.HotLead,
        Fields = new Dictionary<string, string> { ["First_Name"] = "Ann" },
    };

    [Fact]
    public async Task The_available_agent_waiting_longest_gets_the_lead_and_the_next_one_goes_to_the_next_agent()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        var statuses = await PollAsync(harness, new() { [21] = "On Call", [22] = "Available", [23] = "Logged Out", [24] = "Available" });
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        statuses[21] = "Available";
        statuses[24] = "Wrap Up";
        await harness.Get<AgentStatusPoller>().RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        statuses[24] = "Available";
        await harness.Get<AgentStatusPoller>().RunCycleAsync(false, default);
        var selector = harness.Get<IHotLeadAgentSelector>();

        // 22 available since minute 0, 21 since minute 1, 24 since minute 2.
        Assert.Equal(22, await selector.PickAgentAsync(_lead, default));
        Assert.Equal(21, await selector.PickAgentAsync(_lead, default));
        Assert.Equal(24, await selector.PickAgentAsync(_lead, default));
    }

    [Fact]
    public async Task Nobody_available_means_no_agent_and_delivery_falls_back_to_InsertRecord()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        await PollAsync(harness, new() { [21] = "On Call", [22] = "Logged Out" });

        Assert.Null(await harness.Get<IHotLeadAgentSelector>().PickAgentAsync(_lead, default));
    }

    [Fact]
    public async Task Only_configured_users_and_statuses_qualify()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, new Dictionary<string, string?>
        {
            ["Bridge:Polling:HotLead:UserIds:0"] = "22",
            ["Bridge:Polling:HotLead:Statuses:0"] = "Available",
            ["Bridge:Polling:HotLead:Statuses:1"] = "Wrap Up",
        });
        await PollAsync(harness, new() { [21] = "Available", [22] = "Wrap Up" });

        Assert.Equal(22, await harness.Get<IHotLeadAgentSelector>().PickAgentAsync(_lead, default));
    }

    [Fact]
    public async Task Stale_statuses_are_not_trusted()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        await PollAsync(harness, new() { [21] = "Available" });

        harness.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await harness.Get<IHotLeadAgentSelector>().PickAgentAsync(_lead, default));
    }

    private static async Task<Dictionary<long, string>> PollAsync(PollingHarness harness, Dictionary<long, string> statuses)
    {
        harness.Client.GetUsersAsync(Arg.Any<CancellationToken>())
            .Returns(statuses.Keys.Select(id => new ContactSpaceUser(id, $"u{id}@example.com", "U", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());
        harness.Client.GetAgentStatusAsync(Arg.Any<long>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult(statuses[call.ArgAt<long>(0)]));
        await harness.Get<AgentStatusPoller>().RunCycleAsync(false, default);
        return statuses;
    }
}

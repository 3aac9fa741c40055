using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.State;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Bridge.Polling.Tests;

/// <summary>
/// The pollers with the real client against the simulator in-process (seeded users 1–4, initiative 1 with
/// outcome 477 "Sale"), counting contactSPACE calls from the simulator's own call log.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SimulatorFlowTests(AzuriteFixture azurite) : IDisposable
{
    private const string Secret = "push-secret-0123456789";
    private readonly WebApplicationFactory<Program> _simulator = new();

    private SimulatorState State => _simulator.Services.GetRequiredService<SimulatorState>();

    private CallLog CallLog => _simulator.Services.GetRequiredService<CallLog>();

    public void Dispose() => _simulator.Dispose();

    [Fact]
    public async Task Simulator_status_changes_become_history_rows_at_one_call_per_agent()
    {
        await using var harness = await CreateHarnessAsync();
        var poller = harness.Get<AgentStatusPoller>();
        await poller.RunCycleAsync(false, default);
        CallLog.Clear();

        State.SetAgentStatus(2, "Wrap Up");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var result = await poller.RunCycleAsync(false, default);

        Assert.Equal(1, result.StatusChanges);
        Assert.Equal(["GetAgentStatus"], CallLog.Calls.Select(c => c.Function).Distinct());
        Assert.Equal(State.Users().Count, CallLog.Calls.Count);
        var spells = await harness.ReadAsync<AgentStatusHistoryEntity>(PollingTables.AgentStatusHistory, "2");
        Assert.Equal(["On Call", "Wrap Up"], spells.OrderBy(s => s.StartedAt).Select(s => s.Status));
    }

    [Fact]
    public async Task Outcomes_arrive_by_polling_and_by_push_and_a_final_one_ends_polling()
    {
        await using var harness = await CreateHarnessAsync();
        var client = harness.Client;
        var polledRecord = await client.InsertRecordAsync(1, new Dictionary<string, string> { ["First_Name"] = "Ann", ["Lead_ID"] = "lead-s1" });
        var pushedRecord = await client.InsertRecordAsync(1, new Dictionary<string, string> { ["First_Name"] = "Bob", ["Lead_ID"] = "lead-s2" });
        var observer = harness.Get<ILeadDeliveryObserver>();
        await observer.OnDeliveredAsync(new DeliveredLead("lead-s1", "web", 1, 1, polledRecord, PollingHarness.Start), default);
        await observer.OnDeliveredAsync(new DeliveredLead("lead-s2", "web", 1, 1, pushedRecord, PollingHarness.Start), default);

        State.CompleteCall(1, polledRecord, 1, 474, new DateTime(2026, 3, 2, 8, 2, 0));
        var pushedCall = State.CompleteCall(1, pushedRecord, 2, 477, new DateTime(2026, 3, 2, 8, 3, 0));
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var push = await harness.Get<CallNotificationReceiver>().HandleAsync(
            HttpRequests.Form($"CallID={pushedCall.Id}", "?secret=" + Secret), default);
        Assert.True(HttpRequests.ValueOf<CallNotificationResponse>(push).IsFinal);
        Assert.Equal("Sale", (await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-s2", default))?.OutcomeName);

        CallLog.Clear();
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var cycle = await harness.Get<CallOutcomePoller>().RunCycleAsync(false, default);

        // Only the lead the push did not finish is polled.
        Assert.Equal(1, cycle.LeadsPolled);
        Assert.Equal(["GetLastCall"], CallLog.Calls.Select(c => c.Function));
        Assert.Equal(new LeadOutcome(CallIdOf(polledRecord), 1, 474, "No Answer", new DateTimeOffset(2026, 3, 2, 8, 2, 0, TimeSpan.Zero), false), await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-s1", default));

        State.CompleteCall(1, polledRecord, 1, 477, new DateTime(2026, 3, 2, 8, 20, 0));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.Get<CallOutcomePoller>().RunCycleAsync(false, default);
        Assert.True((await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-s1", default))!.IsFinal);
        Assert.Empty(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));
    }

    [Fact]
    public async Task Hot_leads_go_to_the_simulators_longest_available_agent()
    {
        await using var harness = await CreateHarnessAsync();
        var poller = harness.Get<AgentStatusPoller>();
        await poller.RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        State.SetAgentStatus(3, "Available");
        await poller.RunCycleAsync(false, default);
        var selector = harness.Get<IHotLeadAgentSelector>();
        var lead = new MappedLead { Route = "hot", DatasetId = 1, Mode = InsertMode.HotLead, Fields = new Dictionary<string, string> { ["First_Name"] = "Cy" } };

        Assert.Equal(1, await selector.PickAgentAsync(lead, default));
        Assert.Equal(3, await selector.PickAgentAsync(lead, default));

        State.SetAgentStatus(1, "On Call");
        State.SetAgentStatus(3, "Logged Out");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await poller.RunCycleAsync(false, default);
        Assert.Null(await selector.PickAgentAsync(lead, default));
    }

    private long CallIdOf(long recordId) => State.CallsOnRecord(1, recordId).Single().Id;

    private Task<PollingHarness> CreateHarnessAsync() => PollingHarness.CreateAsync(
        azurite,
        new Dictionary<string, string?> { ["Bridge:Polling:FinalOutcomes:1:0"] = "Sale" },
        configureServices: services =>
        {
            services.AddContactSpaceClient(options =>
            {
                options.BaseUrl = new Uri(_simulator.Server.BaseAddress, "/");
                options.BetaBaseUrl = new Uri(_simulator.Server.BaseAddress, "/beta/");
                options.ApiKey = "sim-local-key";
                options.MaxRequestsPerSecond = 50;
            });
            // Every HTTP client the contactSPACE client makes goes to the in-process simulator.
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => _simulator.Server.CreateHandler()));
        });
}

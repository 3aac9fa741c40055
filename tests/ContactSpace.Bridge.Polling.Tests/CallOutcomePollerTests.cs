using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CallOutcomePollerTests(AzuriteFixture azurite)
{
    private const long Initiative = 1;
    private const long Record = 9001;

    private static readonly Dictionary<string, string?> _settings = new()
    {
        ["Bridge:Polling:Outcomes:FirstPollAfter"] = "00:05:00",
        ["Bridge:Polling:Outcomes:BackoffFactor"] = "2",
        ["Bridge:Polling:Outcomes:MaxInterval"] = "01:00:00",
        ["Bridge:Polling:Outcomes:Horizon"] = "1.00:00:00",
        ["Bridge:Polling:FinalOutcomes:1:0"] = "Sale",
        ["Bridge:Polling:FinalOutcomes:1:1"] = "478",
        ["Bridge:AccountTimeZone"] = "Australia/Sydney",
    };

    [Fact]
    public async Task A_delivered_lead_is_first_polled_after_the_configured_delay_and_its_outcome_stored()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        Outcomes(harness);
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(Delivered("lead-1"), default);
        var poller = harness.Get<CallOutcomePoller>();

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        var early = await poller.RunCycleAsync(false, default);
        harness.Client.GetLastCallAsync(Initiative, Record, Arg.Any<CancellationToken>())
            .Returns([new LastCallDetail(501, 11, 474, new DateTime(2026, 3, 2, 19, 3, 0))]);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var due = await poller.RunCycleAsync(false, default);

        Assert.Equal(0, early.LeadsPolled);
        Assert.Equal((1, 1, 0), (due.LeadsPolled, due.NewOutcomes, due.Stopped));
        var latest = await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-1", default);
        // 19:03 in Sydney (UTC+11 in March) is 08:03 UTC.
        Assert.Equal(new LeadOutcome(501, 11, 474, "No Answer", new DateTimeOffset(2026, 3, 2, 8, 3, 0, TimeSpan.Zero), false), latest);
        var call = Assert.Single(await harness.ReadAsync<LeadCallEntity>(PollingTables.CallOutcomes, "lead-1"), r => r.RowKey.StartsWith("call-", StringComparison.Ordinal));
        Assert.Equal(("No Answer", "poll"), (call.OutcomeName, call.Source));
    }

    [Fact]
    public async Task Polls_back_off_and_a_final_outcome_stops_them()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        var calls = Outcomes(harness);
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(Delivered("lead-2"), default);
        var poller = harness.Get<CallOutcomePoller>();
        var polledAt = new List<int>();

        for (var minute = 1; minute <= 120; minute++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            if ((await poller.RunCycleAsync(false, default)).LeadsPolled == 1)
            {
                polledAt.Add(minute);
            }

            if (minute == 40)
            {
                calls.Add(new LastCallDetail(601, 12, 477, new DateTime(2026, 3, 2, 19, 35, 0)));
            }
        }

        // Due at 5, then +10, +20 (35), then +40 (75) sees the Sale and stops.
        Assert.Equal([5, 15, 35, 75], polledAt);
        var lead = Assert.Single(await harness.ReadAsync<TrackedLeadEntity>(PollingTables.CallOutcomes, "lead-2"), r => r.RowKey == TrackedLeadEntity.LeadRowKey);
        Assert.Equal((OutcomeTrackingState.Final, true, "Sale"), (lead.State, lead.IsFinal, lead.LatestOutcomeName));
        Assert.Empty(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));
        // Outcome names were read once for the initiative.
        await harness.Client.Received(1).GetOutcomeAsync(Initiative, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_lead_past_its_horizon_is_no_longer_polled()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        Outcomes(harness);
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(Delivered("lead-3"), default);
        var poller = harness.Get<CallOutcomePoller>();

        var polls = 0;
        for (var hour = 0; hour < 48; hour++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(30));
            polls += (await poller.RunCycleAsync(false, default)).LeadsPolled;
            harness.Time.Advance(TimeSpan.FromMinutes(30));
            polls += (await poller.RunCycleAsync(false, default)).LeadsPolled;
        }

        // Hourly at most once the cap is reached, and nothing after the one-day horizon.
        Assert.InRange(polls, 20, 26);
        var lead = (await harness.ReadAsync<TrackedLeadEntity>(PollingTables.CallOutcomes, "lead-3")).Single(r => r.RowKey == TrackedLeadEntity.LeadRowKey);
        Assert.Equal(OutcomeTrackingState.Expired, lead.State);
        Assert.Empty(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));
    }

    [Fact]
    public async Task An_unchanged_lead_costs_one_call_and_no_write_of_its_calls()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        var calls = Outcomes(harness);
        calls.Add(new LastCallDetail(701, 11, 474, new DateTime(2026, 3, 2, 19, 3, 0)));
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(Delivered("lead-4"), default);
        var poller = harness.Get<CallOutcomePoller>();
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await poller.RunCycleAsync(false, default);
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        var again = await poller.RunCycleAsync(false, default);

        Assert.Equal((1, 0), (again.LeadsPolled, again.NewOutcomes));
        await harness.Client.Received(2).GetLastCallAsync(Initiative, Record, Arg.Any<CancellationToken>());
        var callRow = (await harness.ReadAsync<LeadCallEntity>(PollingTables.CallOutcomes, "lead-4")).Single(r => r.RowKey.StartsWith("call-", StringComparison.Ordinal));
        Assert.Equal("poll", callRow.Source);
    }

    [Fact]
    public async Task A_repeated_delivery_report_does_not_reset_tracking()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        Outcomes(harness).Add(new LastCallDetail(801, 11, 477, new DateTime(2026, 3, 2, 19, 3, 0)));
        var observer = harness.Get<ILeadDeliveryObserver>();
        await observer.OnDeliveredAsync(Delivered("lead-5"), default);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.Get<CallOutcomePoller>().RunCycleAsync(false, default);

        await observer.OnDeliveredAsync(Delivered("lead-5"), default);

        Assert.Empty(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));
        Assert.True((await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-5", default))!.IsFinal);
    }

    [Fact]
    public async Task Double_fired_outcome_cycles_poll_each_lead_once()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        await using var other = await PollingHarness.CreateAsync(azurite, _settings, harness.Client, harness.Time, resetTables: false);
        Outcomes(harness);
        for (var i = 0; i < 30; i++)
        {
            await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(Delivered($"lead-d{i}", Record + i), default);
        }

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var results = await Task.WhenAll(
            harness.Get<CallOutcomePoller>().RunCycleAsync(false, default),
            other.Get<CallOutcomePoller>().RunCycleAsync(true, default));
        var doubleFired = await other.Get<CallOutcomePoller>().RunCycleAsync(true, default);

        Assert.Equal(30, results.Sum(r => r.LeadsPolled));
        Assert.False(doubleFired.Ran);
        await harness.Client.Received(30).GetLastCallAsync(Initiative, Arg.Any<long>(), Arg.Any<CancellationToken>());
        Assert.Equal(30, (await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition)).Count);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(40, 60)]
    public void Intervals_grow_by_the_factor_up_to_the_cap(int pollsDone, int expectedMinutes)
    {
        var settings = new CallOutcomePollingOptions { FirstPollAfter = TimeSpan.FromMinutes(5), BackoffFactor = 2, MaxInterval = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), CallOutcomePoller.IntervalAfter(pollsDone, settings));
    }

    internal static DeliveredLead Delivered(string leadId, long recordId = Record) =>
        new(leadId, "web", Initiative, 1, recordId, PollingHarness.Start);

    /// <summary>The calls GetLastCall answers with (mutable), and the initiative's outcome names.</summary>
    internal static List<LastCallDetail> Outcomes(PollingHarness harness)
    {
        var calls = new List<LastCallDetail>();
        harness.Client.GetLastCallAsync(Initiative, Arg.Any<long>(), Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromResult<IReadOnlyList<LastCallDetail>>(calls.ToList()));
        harness.Client.GetOutcomeAsync(Initiative, Arg.Any<CancellationToken>())
            .Returns([new ContactSpaceOutcome(474, "No Answer"), new ContactSpaceOutcome(477, "Sale"), new ContactSpaceOutcome(478, "Do Not Call")]);
        return calls;
    }
}

using System.Text;
using ContactSpace.Bridge.Leads;
using ContactSpace.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Delivery.Tests;

/// <summary>Poison drain, dead-letter operations, lead status and retention, against Azurite and the simulator.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class OperationsTests
{
    private readonly DeliveryFixture _fixture;

    public OperationsTests(DeliveryFixture fixture)
    {
        _fixture = fixture;
        fixture.ResetSimulator();
    }

    private SimulatorHost Simulator => _fixture.Simulator;

    [Fact]
    public async Task An_unreadable_poison_message_becomes_a_dead_letter_that_keeps_its_text()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, Simulator);
        var text = "not json " + Guid.NewGuid();

        await harness.Drainer.DrainAsync(text, CancellationToken.None);
        await harness.Drainer.DrainAsync(text, CancellationToken.None);

        var deadLetter = await harness.DeadLetters.GetAsync(DeadLetter.IdForMessage(text), CancellationToken.None);
        Assert.NotNull(deadLetter);
        Assert.Equal(DeadLetterReason.Unreadable, deadLetter.Reason);
        Assert.Equal(text, deadLetter.RawMessage);
        var replay = Assert.Single(await harness.DeadLetters.ReplayAsync([deadLetter.Id], CancellationToken.None));
        Assert.Equal(ReplayStatus.NotReplayable, replay.Status);
    }

    [Fact]
    public async Task A_poisoned_message_of_a_queued_lead_dead_letters_the_lead()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, Simulator);
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Http500, Function = "InsertRecord", Count = 1 });
        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        var message = await harness.ReceiveDeliveryMessageAsync();

        await harness.Drainer.DrainAsync(message, CancellationToken.None);

        var deadLetter = await harness.DeadLetters.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal(DeadLetterReason.Poisoned, deadLetter!.Reason);
        Assert.Equal("dead-lettered", (await harness.Status.GetAsync(result.LeadId!, CancellationToken.None))!.Status);

        // The same message arriving later on the delivery queue no longer inserts anything.
        await harness.Processor.ProcessAsync(message, 1, CancellationToken.None);
        Assert.Empty(Simulator.State.Records());
    }

    [Fact]
    public async Task A_rejected_lead_is_replayed_with_the_fixed_mapping_and_keeps_its_id_and_idempotency()
    {
        var remapper = Substitute.For<ILeadRemapper>();
        await using var harness = await DeliveryHarness.WithSimulatorAsync(
            _fixture.Azurite.ConnectionString, Simulator, services => services.AddSingleton(remapper));
        var broken = DeliveryHarness.Lead(
            idempotencyKey: "evt-" + Guid.NewGuid(),
            fields: new Dictionary<string, string> { ["First_Name"] = "Ada", ["Record_ID"] = "wrong column" });
        var rejected = await harness.Acceptor.AcceptAsync(broken, CancellationToken.None);
        Assert.Equal(AcceptanceStatus.Rejected, rejected.Status);

        // The route's mapping is fixed: the stored post now maps to a field the initiative has.
        remapper.Remap(DeliveryHarness.Route, Arg.Any<ReadOnlyMemory<byte>>(), "application/x-www-form-urlencoded")
            .Returns(call => new LeadRemapResult(
                broken.Lead with { Fields = new Dictionary<string, string> { ["First_Name"] = "Ada", ["Notes"] = Encoding.UTF8.GetString(call.ArgAt<ReadOnlyMemory<byte>>(1).Span) } },
                []));
        var replayed = Assert.Single(await harness.DeadLetters.ReplayAsync([rejected.LeadId!], CancellationToken.None));
        Assert.Equal(ReplayStatus.Queued, replayed.Status);
        Assert.Null(await harness.DeadLetters.GetAsync(rejected.LeadId!, CancellationToken.None));

        await harness.Processor.ProcessAsync(await harness.ReceiveDeliveryMessageAsync(), 1, CancellationToken.None);

        var record = Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, rejected.LeadId!));
        Assert.StartsWith("First_Name=Ada&Record_ID=wrong column&submission=", record.Fields["Notes"], StringComparison.Ordinal);
        var repeat = await harness.Acceptor.AcceptAsync(broken, CancellationToken.None);
        Assert.True(repeat.IsRepeat);
        Assert.Equal(rejected.LeadId, repeat.LeadId);
        Assert.Equal(record.Id, repeat.RecordId);
    }

    [Fact]
    public async Task A_replay_that_the_mapping_still_refuses_stays_a_dead_letter_with_the_problems()
    {
        var remapper = Substitute.For<ILeadRemapper>();
        remapper.Remap(default!, default, default).ReturnsForAnyArgs(new LeadRemapResult(null, ["Mobile_Phone: invalid number"]));
        await using var harness = await DeliveryHarness.WithSimulatorAsync(
            _fixture.Azurite.ConnectionString, Simulator, services => services.AddSingleton(remapper));
        var rejected = await harness.Acceptor.AcceptAsync(
            DeliveryHarness.Lead(fields: new Dictionary<string, string> { ["Record_ID"] = "x" }), CancellationToken.None);

        var results = await harness.DeadLetters.ReplayAsync([rejected.LeadId!, "0123456789abcdef0123456789abcdef"], CancellationToken.None);

        Assert.Equal([ReplayStatus.RemapFailed, ReplayStatus.NotFound], results.Select(r => r.Status));
        Assert.Equal(["Mobile_Phone: invalid number"], results[0].Problems);
        Assert.Empty(Simulator.State.Records());
        Assert.NotNull(await harness.DeadLetters.GetAsync(rejected.LeadId!, CancellationToken.None));
    }

    [Fact]
    public async Task Dead_letters_are_listed_by_route_and_reason_a_page_at_a_time_and_can_be_discarded()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, Simulator);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await harness.Acceptor.AcceptAsync(
                DeliveryHarness.Lead(fields: new Dictionary<string, string> { ["Record_ID"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                CancellationToken.None);
            ids.Add(result.LeadId!);
        }

        var listed = new List<DeadLetterSummary>();
        string? token = null;
        do
        {
            var page = await harness.DeadLetters.ListAsync(
                new DeadLetterQuery { Route = DeliveryHarness.Route, Reason = DeadLetterReason.Rejected, From = since, PageSize = 2, ContinuationToken = token },
                CancellationToken.None);
            Assert.True(page.Items.Count <= 2);
            listed.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Superset(ids.ToHashSet(), listed.Select(d => d.Id).ToHashSet());
        Assert.All(listed, d => Assert.Contains("Record_ID", d.ServiceMessage, StringComparison.Ordinal));
        var none = await harness.DeadLetters.ListAsync(new DeadLetterQuery { Route = "no-such-route" }, CancellationToken.None);
        Assert.Empty(none.Items);

        Assert.True(await harness.DeadLetters.DiscardAsync(ids[0], CancellationToken.None));
        Assert.False(await harness.DeadLetters.DiscardAsync(ids[0], CancellationToken.None));
        Assert.Null(await harness.DeadLetters.GetAsync(ids[0], CancellationToken.None));
        Assert.Equal("discarded", (await harness.Status.GetAsync(ids[0], CancellationToken.None))!.Status);
        Assert.Null((await harness.Leads.GetAsync(ids[0], CancellationToken.None))!.Lead);
    }

    [Fact]
    public async Task The_lead_status_carries_the_latest_call_outcome_when_a_reader_is_registered()
    {
        var outcomes = Substitute.For<ILeadOutcomeReader>();
        var completed = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        outcomes.GetLatestAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new LeadOutcome(9, 3, 477, "Sale", completed, IsFinal: true));
        var observer = Substitute.For<ILeadDeliveryObserver>();
        await using var harness = await DeliveryHarness.WithSimulatorAsync(
            _fixture.Azurite.ConnectionString, Simulator, services => services.AddSingleton(outcomes).AddSingleton(observer));

        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        var status = await harness.Status.GetAsync(result.LeadId!, CancellationToken.None);

        Assert.Equal("Sale", status!.OutcomeName);
        Assert.Equal(477, status.OutcomeId);
        Assert.True(status.OutcomeIsFinal);
        await observer.Received(1).OnDeliveredAsync(
            Arg.Is<DeliveredLead>(d => d.LeadId == result.LeadId && d.RecordId == result.RecordId && d.Route == DeliveryHarness.Route && d.InitiativeId == 1),
            Arg.Any<CancellationToken>());
        Assert.Null(await harness.Status.GetAsync("ffffffffffffffffffffffffffffffff", CancellationToken.None));
        Assert.Null(await harness.Status.GetAsync("../not-a-lead", CancellationToken.None));
    }

    [Fact]
    public async Task Personal_data_of_delivered_leads_is_removed_after_the_retention_period()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await DeliveryHarness.WithSimulatorAsync(
            _fixture.Azurite.ConnectionString, Simulator, services => services.AddSingleton<TimeProvider>(time));
        var purger = harness.Services.GetRequiredService<PersonalDataPurger>();
        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        time.Advance(TimeSpan.FromDays(29));
        await purger.PurgeExpiredPersonalDataAsync(CancellationToken.None);
        Assert.NotNull((await harness.Leads.GetAsync(result.LeadId!, CancellationToken.None))!.Lead);

        time.Advance(TimeSpan.FromDays(2));
        Assert.True(await purger.PurgeExpiredPersonalDataAsync(CancellationToken.None) >= 1);

        var row = await harness.Leads.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Null(row!.Lead);
        Assert.Null(row.OriginalBody);
        Assert.Equal(LeadState.Delivered, row.Status);
        Assert.Equal(result.RecordId, row.RecordId);
    }
}

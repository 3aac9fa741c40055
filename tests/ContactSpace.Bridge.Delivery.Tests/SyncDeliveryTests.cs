using ContactSpace.Bridge.Leads;
using ContactSpace.Simulator.Faults;

namespace ContactSpace.Bridge.Delivery.Tests;

[Collection(DeliveryCollection.Name)]
public sealed class SyncDeliveryTests : IAsyncLifetime
{
    private readonly DeliveryFixture _fixture;
    private DeliveryHarness _harness = null!;

    public SyncDeliveryTests(DeliveryFixture fixture)
    {
        _fixture = fixture;
        fixture.ResetSimulator();
    }

    private SimulatorHost Simulator => _fixture.Simulator;

    public async Task InitializeAsync() =>
        _harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, Simulator);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_lead_is_inserted_at_once_and_answered_with_its_record_id()
    {
        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Delivered, result.Status);
        Assert.NotNull(result.LeadId);
        var record = Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, result.LeadId));
        Assert.Equal(record.Id, result.RecordId);
        Assert.Equal("Ada", record.Fields["First_Name"]);

        var status = await _harness.Status.GetAsync(result.LeadId, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal("delivered", status.Status);
        Assert.Equal(record.Id, status.RecordId);
        Assert.Equal(0, await _harness.DeliveryMessageCountAsync());
    }

    [Fact]
    public async Task A_repeat_gets_the_first_answer_and_creates_nothing()
    {
        var lead = DeliveryHarness.Lead(idempotencyKey: "evt-" + Guid.NewGuid());

        var first = await _harness.Acceptor.AcceptAsync(lead, CancellationToken.None);
        var second = await _harness.Acceptor.AcceptAsync(lead, CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Delivered, second.Status);
        Assert.True(second.IsRepeat);
        Assert.Equal(first.LeadId, second.LeadId);
        Assert.Equal(first.RecordId, second.RecordId);
        Assert.Equal(1, Simulator.InsertCalls);
        Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, first.LeadId!));
    }

    [Fact]
    public async Task Without_a_key_the_payload_hash_recognises_a_repeat()
    {
        var lead = DeliveryHarness.Lead();

        var first = await _harness.Acceptor.AcceptAsync(lead, CancellationToken.None);
        var second = await _harness.Acceptor.AcceptAsync(lead with { OriginalBody = lead.OriginalBody.ToArray() }, CancellationToken.None);

        Assert.True(second.IsRepeat);
        Assert.Equal(first.LeadId, second.LeadId);
        Assert.Equal(1, Simulator.InsertCalls);
    }

    [Fact]
    public async Task The_same_key_with_a_different_payload_is_refused_and_sends_nothing()
    {
        var key = "evt-" + Guid.NewGuid();
        await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(idempotencyKey: key), CancellationToken.None);

        var reused = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(idempotencyKey: key), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.KeyReusedWithDifferentPayload, reused.Status);
        Assert.Equal(1, Simulator.InsertCalls);
    }

    [Fact]
    public async Task A_permanent_rejection_is_a_dead_letter_and_answers_with_contactspaces_message()
    {
        var fields = new Dictionary<string, string> { ["First_Name"] = "Ada", ["Record_ID"] = "x" };

        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(fields: fields), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Rejected, result.Status);
        Assert.Contains("Record_ID", result.Message, StringComparison.Ordinal);
        var deadLetter = await _harness.DeadLetters.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.NotNull(deadLetter);
        Assert.Equal(DeadLetterReason.Rejected, deadLetter.Reason);
        Assert.Equal(DeliveryHarness.Route, deadLetter.Route);
        Assert.Equal("x", deadLetter.Lead!.Fields["Record_ID"]);
        Assert.NotNull(deadLetter.OriginalBody);
        Assert.Empty(Simulator.State.Records());

        var status = await _harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("dead-lettered", status!.Status);
        Assert.Equal(nameof(DeadLetterReason.Rejected), status.DeadLetterReason);
    }

    [Fact]
    public async Task A_transient_failure_is_queued_and_the_queue_delivers_it()
    {
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Function = "InsertRecord", Count = 1 });

        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Queued, result.Status);
        var queued = await _harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("queued", queued!.Status);
        Assert.NotNull(queued.NextAttemptAt);

        var message = await _harness.ReceiveDeliveryMessageAsync();
        await _harness.Processor.ProcessAsync(message, 1, CancellationToken.None);

        var delivered = await _harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("delivered", delivered!.Status);
        Assert.Equal(2, delivered.Attempts);
        var record = Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, result.LeadId!));
        Assert.Equal(record.Id, delivered.RecordId);
    }

    [Fact]
    public async Task A_lost_answer_after_the_insert_landed_is_adopted_not_inserted_again()
    {
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.DropAfterApply, Function = "InsertRecord", Count = 1 });

        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        Assert.Equal(AcceptanceStatus.Queued, result.Status);
        var message = await _harness.ReceiveDeliveryMessageAsync();
        await _harness.Processor.ProcessAsync(message, 1, CancellationToken.None);

        var record = Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, result.LeadId!));
        var status = await _harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("delivered", status!.Status);
        Assert.Equal(record.Id, status.RecordId);
        Assert.Equal(1, Simulator.InsertCalls);
        Assert.Contains(Simulator.Calls.Calls, c => c.Function == "SearchRecord");
    }

    [Fact]
    public async Task Two_workers_with_the_same_message_insert_once()
    {
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Function = "InsertRecord", Count = 1 });
        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        var message = await _harness.ReceiveDeliveryMessageAsync();

        // A slow insert keeps the first worker busy while the second one reads the same row.
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Function = "InsertRecord", Milliseconds = 300 });
        await Task.WhenAll(
            _harness.Processor.ProcessAsync(message, 1, CancellationToken.None),
            _harness.Processor.ProcessAsync(message, 1, CancellationToken.None));

        Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, result.LeadId!));
        Assert.Equal(2, Simulator.InsertCalls);
        Assert.Equal("delivered", (await _harness.Status.GetAsync(result.LeadId!, CancellationToken.None))!.Status);

        // The loser left a delayed follow-up in case the winner had died holding the lead.
        Assert.Equal(1, await _harness.DeliveryMessageCountAsync());
    }

    [Fact]
    public async Task A_message_for_a_delivered_lead_is_skipped()
    {
        var result = await _harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        var stale = new DeliveryMessage(result.LeadId!, DateTimeOffset.UtcNow, CheckFirst: true).ToJson();

        await _harness.Processor.ProcessAsync(stale, 2, CancellationToken.None);

        Assert.Equal(1, Simulator.InsertCalls);
        Assert.DoesNotContain(Simulator.Calls.Calls, c => c.Function == "SearchRecord");
    }

    [Fact]
    public async Task A_slow_answer_past_the_budget_is_queued_and_checked_before_inserting_again()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(
            _fixture.Azurite.ConnectionString, Simulator, settings: new() { ["Bridge:Delivery:SyncBudget"] = "00:00:00.300" });
        Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Function = "InsertRecord", Milliseconds = 1500, Count = 1 });

        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Queued, result.Status);
        var message = await harness.ReceiveDeliveryMessageAsync();
        Assert.True(DeliveryMessage.TryParse(message, out var parsed));
        Assert.True(parsed.CheckFirst);

        // Let the abandoned request finish on the simulator's side, whatever it did.
        await Task.Delay(1500);
        await harness.Processor.ProcessAsync(message, 1, CancellationToken.None);

        Assert.Single(Simulator.RecordsWith(DeliveryHarness.DedupeField, result.LeadId!));
        Assert.Equal("delivered", (await harness.Status.GetAsync(result.LeadId!, CancellationToken.None))!.Status);
    }
}

using ContactSpace.Bridge.Leads;
using ContactSpace.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ContactSpace.Bridge.Delivery.Tests;

/// <summary>Flows that need a client doing what the simulator cannot be told to (block, fail forever, crash), with fake time.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class SubstituteClientTests(DeliveryFixture fixture)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ContactSpaceClient _client = Substitute.For<ContactSpaceClient>();

    [Fact]
    public async Task A_repeat_while_the_first_post_is_still_being_delivered_is_in_flight()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<long>();
        _client.InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                started.TrySetResult();
                return release.Task;
            });
        await using var harness = await CreateAsync();
        var lead = DeliveryHarness.Lead(idempotencyKey: "evt-" + Guid.NewGuid());

        var first = harness.Acceptor.AcceptAsync(lead, CancellationToken.None);
        await started.Task;
        var second = await harness.Acceptor.AcceptAsync(lead, CancellationToken.None);
        release.SetResult(4242);

        Assert.Equal(AcceptanceStatus.InFlight, second.Status);
        Assert.Equal(AcceptanceStatus.Delivered, (await first).Status);
        Assert.Equal(4242, (await first).RecordId);
        await _client.Received(1).InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_lead_abandoned_by_a_crashed_attempt_is_taken_over_by_the_repeat_and_adopted()
    {
        // The first attempt "crashes": the exception leaves the row as the dying process would (attempt in progress).
        _client.InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Throws(new InvalidOperationException("process died"));
        await using var harness = await CreateAsync();
        var lead = DeliveryHarness.Lead(idempotencyKey: "evt-" + Guid.NewGuid());
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Acceptor.AcceptAsync(lead, CancellationToken.None));

        var tooSoon = await harness.Acceptor.AcceptAsync(lead, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var repeat = await harness.Acceptor.AcceptAsync(lead, CancellationToken.None);

        Assert.Equal(AcceptanceStatus.InFlight, tooSoon.Status);
        Assert.Equal(AcceptanceStatus.Queued, repeat.Status);
        var message = await harness.ReceiveDeliveryMessageAsync();
        Assert.True(DeliveryMessage.TryParse(message, out var parsed) && parsed.CheckFirst);

        // The crashed insert had landed: the search finds it and the lead adopts it.
        _client.SearchRecordAsync(1, 1, Arg.Is<IReadOnlyDictionary<string, string>>(m => m[DeliveryHarness.DedupeField] == repeat.LeadId), Arg.Any<CancellationToken>())
            .Returns([new ContactSpaceRecord(77, new Dictionary<string, string> { [DeliveryHarness.DedupeField] = repeat.LeadId! })]);
        await harness.Processor.ProcessAsync(message, 1, CancellationToken.None);

        var status = await harness.Status.GetAsync(repeat.LeadId!, CancellationToken.None);
        Assert.Equal("delivered", status!.Status);
        Assert.Equal(77, status.RecordId);
        await _client.Received(1).InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Transient_failures_past_the_retry_window_end_in_dead_letters()
    {
        _client.InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Throws(Transient(mayHaveBeenApplied: false));
        await using var harness = await CreateAsync();

        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        Assert.Equal(AcceptanceStatus.Queued, result.Status);

        var message = await harness.ReceiveDeliveryMessageAsync();
        _time.Advance(TimeSpan.FromHours(1));
        await harness.Processor.ProcessAsync(message, 1, CancellationToken.None);
        var stillQueued = await harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("queued", stillQueued!.Status);
        Assert.Equal("InsertRecord failed (HTTP 503)", stillQueued.LastError);

        message = await harness.ReceiveDeliveryMessageAsync();
        _time.Advance(TimeSpan.FromHours(72));
        await harness.Processor.ProcessAsync(message, 1, CancellationToken.None);

        var deadLetter = await harness.DeadLetters.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.NotNull(deadLetter);
        Assert.Equal(DeadLetterReason.RetriesExhausted, deadLetter.Reason);
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Equal("Service busy", deadLetter.ServiceMessage);
        Assert.True(deadLetter.LastErrorAt - deadLetter.FirstErrorAt >= TimeSpan.FromHours(72));
        Assert.Equal(0, await harness.DeliveryMessageCountAsync());
    }

    [Fact]
    public async Task An_ambiguous_failure_without_a_dedupe_field_inserts_again_and_flags_the_lead()
    {
        _client.InsertRecordAsync(Arg.Any<long>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw Transient(mayHaveBeenApplied: true), _ => Task.FromResult(501L));
        await using var harness = await CreateAsync();

        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(dedupeField: null), CancellationToken.None);
        await harness.Processor.ProcessAsync(await harness.ReceiveDeliveryMessageAsync(), 1, CancellationToken.None);

        var status = await harness.Status.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.Equal("delivered", status!.Status);
        Assert.True(status.PossibleDuplicate);
        Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("possible duplicate", StringComparison.Ordinal));
        await _client.DidNotReceiveWithAnyArgs().SearchRecordAsync(default, default, default, default);
    }

    [Fact]
    public async Task Unavailable_storage_answers_503_with_retry_after_and_sends_nothing()
    {
        // Nothing listens on port 1: every storage call is refused at once.
        const string closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + ContactSpace.Testing.AzuriteServer.AccountKey +
            ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var harness = await DeliveryHarness.WithClientAsync(closed, _client);

        var result = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Unavailable, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Empty(_client.ReceivedCalls());
    }

    private static ContactSpaceException Transient(bool mayHaveBeenApplied) =>
        new("InsertRecord", "InsertRecord failed", new ContactSpaceFailure(503, "Service busy", IsTransient: true, RequestSent: true, mayHaveBeenApplied));

    private Task<DeliveryHarness> CreateAsync() =>
        DeliveryHarness.WithClientAsync(fixture.Azurite.ConnectionString, _client, services => services.AddSingleton<TimeProvider>(_time));
}

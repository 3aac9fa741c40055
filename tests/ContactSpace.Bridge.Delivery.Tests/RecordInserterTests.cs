using ContactSpace.Bridge.Leads;
using ContactSpace.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ContactSpace.Bridge.Delivery.Tests;

public sealed class RecordInserterTests
{
    private static readonly DateTime _callback = new(2026, 12, 4, 9, 30, 0);
    private readonly ContactSpaceClient _client = Substitute.For<ContactSpaceClient>();
    private readonly IHotLeadAgentSelector _selector = Substitute.For<IHotLeadAgentSelector>();

    [Fact]
    public async Task Auto_uses_a_callback_insert_when_the_lead_has_a_callback_time_and_user()
    {
        var lead = Lead(InsertMode.Auto) with { CallbackAt = _callback, UserId = 12 };
        _client.InsertRecordWithCallbackAsync(1, 12, _callback, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>()).Returns(5);

        Assert.Equal(5, await Inserter().InsertAsync(lead, "lead1", CancellationToken.None));
    }

    [Fact]
    public async Task Auto_without_a_callback_inserts_a_plain_record_carrying_the_lead_id_in_the_dedupe_field()
    {
        _client.InsertRecordAsync(1, Arg.Is<IReadOnlyDictionary<string, string>>(f => f["Lead_ID"] == "lead1" && f["First_Name"] == "Ada"), Arg.Any<CancellationToken>())
            .Returns(6);

        Assert.Equal(6, await Inserter().InsertAsync(Lead(InsertMode.Auto) with { UserId = 12 }, "lead1", CancellationToken.None));
    }

    [Fact]
    public async Task InsertNextRecord_goes_to_the_configured_user()
    {
        _client.InsertNextRecordAsync(1, 33, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>()).Returns(7);

        Assert.Equal(7, await Inserter().InsertAsync(Lead(InsertMode.InsertNextRecord) with { UserId = 33 }, "lead1", CancellationToken.None));
    }

    [Fact]
    public async Task A_hot_lead_goes_to_the_picked_agent_or_else_in_as_a_plain_record()
    {
        var lead = Lead(InsertMode.HotLead);
        _selector.PickAgentAsync(lead, Arg.Any<CancellationToken>()).Returns(44L, (long?)null);
        _client.InsertNextRecordAsync(1, 44, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>()).Returns(8);
        _client.InsertRecordAsync(1, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>()).Returns(9);

        Assert.Equal(8, await Inserter().InsertAsync(lead, "lead1", CancellationToken.None));
        Assert.Equal(9, await Inserter().InsertAsync(lead, "lead2", CancellationToken.None));
        _selector.PickAgentAsync(lead, Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException());
        Assert.Equal(9, await Inserter().InsertAsync(lead, "lead3", CancellationToken.None));
    }

    [Fact]
    public async Task A_mode_missing_what_it_needs_is_not_deliverable_and_calls_nothing()
    {
        await Assert.ThrowsAsync<LeadNotDeliverableException>(() => Inserter().InsertAsync(Lead(InsertMode.InsertNextRecord), "lead1", CancellationToken.None));
        await Assert.ThrowsAsync<LeadNotDeliverableException>(() => Inserter().InsertAsync(Lead(InsertMode.InsertRecordWithCallback), "lead1", CancellationToken.None));
        Assert.Empty(_client.ReceivedCalls());
    }

    [Fact]
    public async Task The_search_adopts_only_a_record_that_carries_the_lead_id()
    {
        _client.SearchRecordAsync(1, 1, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(
                [new ContactSpaceRecord(3, new Dictionary<string, string> { ["Lead_ID"] = "other" }), new ContactSpaceRecord(4, new Dictionary<string, string> { ["Lead_ID"] = "lead1" })],
                (IReadOnlyList<ContactSpaceRecord>)[]);

        Assert.Equal(4, await Inserter().FindExistingAsync(Lead(InsertMode.Auto), "lead1", CancellationToken.None));
        Assert.Null(await Inserter().FindExistingAsync(Lead(InsertMode.Auto), "lead1", CancellationToken.None));
        Assert.Null(await Inserter().FindExistingAsync(Lead(InsertMode.Auto) with { DedupeField = null }, "lead1", CancellationToken.None));
    }

    private RecordInserter Inserter() => new(_client, [_selector]);

    private static MappedLead Lead(InsertMode mode) => new()
    {
        Route = "web",
        Fields = new Dictionary<string, string> { ["First_Name"] = "Ada" },
        DatasetId = 1,
        InitiativeId = 1,
        DedupeField = "Lead_ID",
        Mode = mode,
    };
}

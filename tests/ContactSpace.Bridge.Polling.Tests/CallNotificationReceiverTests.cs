using ContactSpace.Bridge.Leads;
using ContactSpace.Bridge.Polling;
using ContactSpace.Client;
using ContactSpace.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Polling.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CallNotificationReceiverTests(AzuriteFixture azurite)
{
    private const string Secret = "push-secret-0123456789";

    private static readonly Dictionary<string, string?> _settings = new()
    {
        ["Bridge:Polling:FinalOutcomes:*:0"] = "Sale",
    };

    [Theory]
    [InlineData(null, null)]
    [InlineData("secret=wrong-secret-0123456789", null)]
    [InlineData(null, "push-secret-012345678")]
    public async Task A_post_without_the_right_secret_is_refused_and_the_secret_never_logged(string? query, string? header)
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        var headers = header is null ? null : new Dictionary<string, string> { [CallNotificationReceiver.SecretHeader] = header };

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(HttpRequests.Form("CallID=5", query is null ? null : "?" + query, headers), default);

        Assert.Equal(401, HttpRequests.ProblemOf(result).Status);
        await harness.Client.DidNotReceiveWithAnyArgs().GetRecordAsync(default, default);
        Assert.DoesNotContain(Secret, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CallID=", 400)]
    [InlineData("CallID=abc", 400)]
    [InlineData("CallID=-4", 400)]
    [InlineData("Other=1", 400)]
    public async Task A_bad_CallID_is_a_400_problem(string body, int status)
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(HttpRequests.Form(body, "?secret=" + Secret), default);

        Assert.Equal(status, HttpRequests.ProblemOf(result).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_a_415_problem()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(HttpRequests.Form("{\"CallID\":5}", "?secret=" + Secret, contentType: "application/json"), default);

        Assert.Equal(415, HttpRequests.ProblemOf(result).Status);
    }

    [Fact]
    public async Task A_push_with_a_final_outcome_updates_the_lead_at_once_and_ends_polling()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        var calls = CallOutcomePollerTests.Outcomes(harness);
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(CallOutcomePollerTests.Delivered("lead-p1"), default);
        calls.Add(new LastCallDetail(901, 11, 477, new DateTime(2026, 3, 2, 8, 1, 0)));
        harness.Client.GetRecordAsync(901, Arg.Any<CancellationToken>())
            .Returns(new ContactSpaceRecord(9001, new Dictionary<string, string> { ["First_Name"] = "Ann" }));
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(
            HttpRequests.Form("CallID=901", headers: new Dictionary<string, string> { [CallNotificationReceiver.SecretHeader] = Secret }), default);

        var answer = HttpRequests.ValueOf<CallNotificationResponse>(result);
        Assert.Equal(new CallNotificationResponse(901, "lead-p1", true, 477, "Sale", new DateTimeOffset(2026, 3, 2, 8, 1, 0, TimeSpan.Zero), true), answer);
        Assert.Equal("Sale", (await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-p1", default))?.OutcomeName);
        Assert.Empty(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));

        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await harness.Get<CallOutcomePoller>().RunCycleAsync(false, default)).LeadsPolled);
        await harness.Client.Received(1).GetLastCallAsync(1, 9001, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_push_with_a_non_final_outcome_updates_the_lead_and_polling_continues_as_fallback()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite, _settings);
        var calls = CallOutcomePollerTests.Outcomes(harness);
        await harness.Get<ILeadDeliveryObserver>().OnDeliveredAsync(CallOutcomePollerTests.Delivered("lead-p2", 9002), default);
        calls.Add(new LastCallDetail(902, 11, 474, new DateTime(2026, 3, 2, 8, 1, 0)));
        // No record id in the answer: the lead is found through the record's dedupe field.
        harness.Client.GetRecordAsync(902, Arg.Any<CancellationToken>())
            .Returns(new ContactSpaceRecord(null, new Dictionary<string, string> { ["Lead_ID"] = "lead-p2" }));

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(HttpRequests.Form("CallID=902", "?secret=" + Secret), default);

        Assert.False(HttpRequests.ValueOf<CallNotificationResponse>(result).IsFinal);
        Assert.Equal("No Answer", (await harness.Get<ILeadOutcomeReader>().GetLatestAsync("lead-p2", default))?.OutcomeName);
        Assert.Single(await harness.ReadAsync<OutcomeDueEntity>(PollingTables.PollingState, OutcomeDueEntity.Partition));
    }

    [Fact]
    public async Task A_call_on_a_record_the_bridge_did_not_create_is_acknowledged_and_ignored()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        harness.Client.GetRecordAsync(903, Arg.Any<CancellationToken>())
            .Returns(new ContactSpaceRecord(77, new Dictionary<string, string> { ["First_Name"] = "Zed" }));

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(HttpRequests.Form("CallID=903", "?secret=" + Secret), default);

        Assert.False(HttpRequests.ValueOf<CallNotificationResponse>(result).Updated);
        await harness.Client.DidNotReceiveWithAnyArgs().GetLastCallAsync(default, default, default);
    }

    [Fact]
    public async Task contactSPACE_being_down_is_a_503_with_Retry_After()
    {
        await using var harness = await PollingHarness.CreateAsync(azurite);
        harness.Client.GetRecordAsync(904, Arg.Any<CancellationToken>())
            .Returns<ContactSpaceRecord?>(_ => throw new ContactSpaceException("GetRecord", "down", new ContactSpaceFailure(503, null, true, true, false, TimeSpan.FromSeconds(20))));
        var request = HttpRequests.Form("CallID=904", "?secret=" + Secret);

        var result = await harness.Get<CallNotificationReceiver>().HandleAsync(request, default);

        Assert.Equal(503, HttpRequests.ProblemOf(result).Status);
        Assert.Equal("20", request.HttpContext.Response.Headers.RetryAfter.ToString());
    }
}

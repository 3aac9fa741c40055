using System.Text;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using NSubstitute;

namespace ContactSpace.Bridge.Tests.Intake;

/// <summary>Salesforce puts up to 100 notifications in one Outbound Message: each is a lead, and the Ack covers them all.</summary>
public sealed class SalesforceBatchTests
{
    private const string SoapXml = "text/xml; charset=utf-8";

    /// <summary>The documented fixture with a second notification (another Lead) added after the first.</summary>
    private static string Batch(string secondLastName, string secondMobile)
    {
        var single = IntakeHarness.Fixture("salesforce-outbound/lead-notification.xml");
        var start = single.IndexOf("<Notification>", StringComparison.Ordinal);
        var end = single.IndexOf("</Notification>", StringComparison.Ordinal) + "</Notification>".Length;
        var second = single[start..end]
            .Replace("04l5g00000CkPQbAAN", "04l5g00000CkPQcAAN", StringComparison.Ordinal)
            .Replace("00Q5g00000A1b2CEAR", "00Q5g00000A1b2DEAR", StringComparison.Ordinal)
            .Replace("<sf:LastName>Citizen</sf:LastName>", $"<sf:LastName>{secondLastName}</sf:LastName>", StringComparison.Ordinal)
            .Replace("+61 414 616 126", secondMobile, StringComparison.Ordinal);
        return single.Insert(end, second);
    }

    private static IntakeHarness Harness() => new(IntakeHarness.Route("sf", RoutePresets.SalesforceOutbound, ("Auth:Secret", "sf-key")));

    private static Microsoft.AspNetCore.Http.DefaultHttpContext Post(string body)
    {
        var context = IntakeHarness.HttpContext("POST", "sf", Encoding.UTF8.GetBytes(body), SoapXml);
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?code=sf-key");
        return context;
    }

    [Fact]
    public async Task Every_notification_becomes_a_lead_keyed_by_its_notification_id()
    {
        using var harness = Harness();
        var accepted = new List<PreparedLead>();
        harness.Acceptor.AcceptAsync(Arg.Do<PreparedLead>(accepted.Add), Arg.Any<CancellationToken>())
            .Returns(new AcceptanceResult(AcceptanceStatus.Queued, "lead-a"), new AcceptanceResult(AcceptanceStatus.Delivered, "lead-b", 77));

        var response = await harness.SendAsync(Post(Batch("Nguyen", "0412 345 678")), "sf");

        Assert.Equal(200, response.Status);
        Assert.Contains("<Ack>true</Ack>", response.Body, StringComparison.Ordinal);
        Assert.Equal(["04l5g00000CkPQbAAN", "04l5g00000CkPQcAAN"], accepted.Select(l => l.IdempotencyKey));
        Assert.Equal(["Citizen", "Nguyen"], accepted.Select(l => l.Lead.Fields["Surname"]));
        Assert.Equal("61412345678", accepted[1].Lead.Fields["Mobile_Phone"]);
        Assert.Equal("text/xml; charset=utf-8; x-record=1", accepted[1].OriginalContentType);
    }

    [Fact]
    public async Task A_batch_with_an_invalid_record_is_refused_whole_naming_the_record()
    {
        using var harness = Harness();

        var response = await harness.SendAsync(Post(Batch(string.Empty, "12")), "sf");

        Assert.Equal(422, response.Status);
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("records[1].sObject.LastName", out _), response.Body);
        Assert.True(errors.TryGetProperty("records[1].sObject.MobilePhone", out _), response.Body);
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task The_batch_is_answered_by_the_first_lead_not_accepted_so_salesforce_resends_it()
    {
        using var harness = Harness();
        harness.Acceptor.AcceptAsync(Arg.Any<PreparedLead>(), Arg.Any<CancellationToken>())
            .Returns(new AcceptanceResult(AcceptanceStatus.Queued, "lead-a"), new AcceptanceResult(AcceptanceStatus.Unavailable, null));

        var response = await harness.SendAsync(Post(Batch("Nguyen", "0412 345 678")), "sf");

        Assert.Equal(503, response.Status);
        Assert.DoesNotContain("Ack", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_remaps_the_marked_record_of_a_stored_batch()
    {
        using var harness = Harness();
        var body = Encoding.UTF8.GetBytes(Batch("Nguyen", "0412 345 678"));

        var first = harness.Remapper.Remap("sf", body, SoapXml);
        var second = harness.Remapper.Remap("sf", body, SoapXml + "; x-record=1");
        var missing = harness.Remapper.Remap("sf", body, SoapXml + "; x-record=5");

        Assert.Equal("Citizen", first.Lead!.Fields["Surname"]);
        Assert.Equal("Nguyen", second.Lead!.Fields["Surname"]);
        Assert.False(missing.Succeeded);
    }

    [Fact]
    public void A_message_without_notifications_is_refused()
    {
        using var harness = Harness();

        var result = harness.Remapper.Remap("sf", Encoding.UTF8.GetBytes("<Envelope><Body><notifications/></Body></Envelope>"), SoapXml);

        Assert.Contains(result.Problems, p => p.Contains("no records", StringComparison.Ordinal));
    }
}

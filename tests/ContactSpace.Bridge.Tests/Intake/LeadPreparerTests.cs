using System.Text;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class LeadPreparerTests
{
    private static IntakeHarness Zapier(params (string Key, string? Value)[] extra)
        => new(IntakeHarness.Route("z", RoutePresets.Zapier, [("Auth:Scheme", "Anonymous"), .. extra]));

    private static IntakePreparation Prepare(IntakeHarness harness, string json, params (string, string)[] headers)
        => harness.Preparer.Prepare(IntakeHarness.Request("z", json, "application/json", headers));

    [Fact]
    public void A_valid_post_becomes_a_prepared_lead_with_the_original_body()
    {
        using var harness = Zapier(("DedupeField", "Lead_ID"), ("Mode", "InsertRecord"));

        var prepared = Prepare(harness, """{"first_name":" Jane ","mobile":"0414616126"}""").Lead!;

        Assert.Equal("z", prepared.Lead.Route);
        Assert.Equal("Jane", prepared.Lead.Fields["First_Name"]);
        Assert.Equal("61414616126", prepared.Lead.Fields["Mobile_Phone"]);
        Assert.Equal(InsertMode.InsertRecord, prepared.Lead.Mode);
        Assert.Equal("Lead_ID", prepared.Lead.DedupeField);
        Assert.Null(prepared.IdempotencyKey);
        Assert.Equal(64, prepared.PayloadHash.Length);
        Assert.Equal("""{"first_name":" Jane ","mobile":"0414616126"}""", Encoding.UTF8.GetString(prepared.OriginalBody.Span));
        Assert.Equal("application/json", prepared.OriginalContentType);
    }

    [Fact]
    public void Identical_submissions_hash_the_same_whatever_their_field_order_and_spacing()
    {
        using var harness = Zapier();

        var first = Prepare(harness, """{"first_name":"Jane","email":"J@X.COM","mobile":"0414 616 126"}""").Lead!;
        var second = Prepare(harness, """{ "mobile":"+61414616126", "email":"j@x.com", "first_name":"Jane " }""").Lead!;
        var different = Prepare(harness, """{"first_name":"Jane","email":"j@x.com","mobile":"0414616127"}""").Lead!;

        Assert.Equal(first.PayloadHash, second.PayloadHash);
        Assert.NotEqual(first.PayloadHash, different.PayloadHash);
    }

    [Fact]
    public void The_hash_covers_route_settings_not_just_fields()
    {
        using var one = Zapier();
        using var other = Zapier(("UserId", "55"));
        const string body = """{"first_name":"Jane"}""";

        Assert.NotEqual(Prepare(one, body).Lead!.PayloadHash, Prepare(other, body).Lead!.PayloadHash);
    }

    [Fact]
    public void The_idempotency_key_header_wins_over_the_event_id()
    {
        using var harness = Zapier(("EventIdPath", "id"));

        Assert.Equal("evt-1", Prepare(harness, """{"first_name":"J","id":"evt-1"}""").Lead!.IdempotencyKey);
        Assert.Equal("client-key", Prepare(harness, """{"first_name":"J","id":"evt-1"}""", ("Idempotency-Key", " client-key ")).Lead!.IdempotencyKey);
        Assert.Null(Prepare(harness, """{"first_name":"J"}""").Lead!.IdempotencyKey);
    }

    [Fact]
    public void An_overlong_idempotency_key_is_refused()
    {
        using var harness = Zapier();

        var rejection = Prepare(harness, """{"first_name":"J"}""", ("Idempotency-Key", new string('k', 256))).Rejection!;

        Assert.Equal(400, rejection.Status);
        Assert.Equal("Idempotency-Key", rejection.Problems[0].Field);
    }

    [Fact]
    public void Every_mapping_problem_is_named_at_once()
    {
        using var harness = Zapier();

        var rejection = Prepare(harness, """{"mobile":"12345","phone":"not a phone"}""").Rejection!;

        Assert.Equal(422, rejection.Status);
        Assert.Equal(
            [("first_name", ProblemCodes.Missing), ("mobile", ProblemCodes.InvalidPhone), ("phone", ProblemCodes.InvalidPhone)],
            rejection.Problems.Select(p => (p.Field, p.Code)).OrderBy(p => p.Field));
    }

    [Fact]
    public void Unknown_route_is_404()
    {
        using var harness = Zapier();

        var rejection = harness.Preparer.Prepare(IntakeHarness.Request("nope", "{}", "application/json")).Rejection!;

        Assert.Equal(404, rejection.Status);
        Assert.Equal(ProblemCodes.UnknownRoute, rejection.Reason);
    }

    [Fact]
    public void A_filled_honeypot_is_discarded_not_refused()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("f", RoutePresets.HtmlForm));

        var bot = harness.Preparer.Prepare(IntakeHarness.Request("f", "first_name=Bot&_gotcha=http%3A%2F%2Fspam", "application/x-www-form-urlencoded"));
        var person = harness.Preparer.Prepare(IntakeHarness.Request("f", "first_name=Jane&_gotcha=", "application/x-www-form-urlencoded"));

        Assert.True(bot.Discarded);
        Assert.NotNull(person.Lead);
    }

    [Fact]
    public void Callback_time_and_user_come_from_the_post_in_the_account_zone()
    {
        using var harness = Zapier(("Mode", "InsertRecordWithCallback"), ("CallbackTime", "callback.at"), ("CallbackUser", "callback.agent"));

        var lead = Prepare(harness, """{"first_name":"J","callback":{"at":"2026-12-04T00:15:00Z","agent":"42"}}""").Lead!.Lead;

        Assert.Equal(new DateTime(2026, 12, 4, 11, 15, 0, DateTimeKind.Unspecified), lead.CallbackAt);
        Assert.Equal(42, lead.UserId);
        Assert.Equal(InsertMode.InsertRecordWithCallback, lead.Mode);
    }

    [Fact]
    public void Callback_routes_refuse_posts_without_a_readable_time_or_user()
    {
        using var harness = Zapier(("Mode", "InsertRecordWithCallback"), ("CallbackTime", "at"), ("CallbackUser", "agent"));

        var missing = Prepare(harness, """{"first_name":"J"}""").Rejection!;
        var invalid = Prepare(harness, """{"first_name":"J","at":"soon","agent":"bob"}""").Rejection!;

        Assert.Equal([("agent", ProblemCodes.Missing), ("at", ProblemCodes.Missing)], missing.Problems.Select(p => (p.Field, p.Code)).OrderBy(p => p.Field));
        Assert.Equal([("agent", ProblemCodes.InvalidValue), ("at", ProblemCodes.InvalidDate)], invalid.Problems.Select(p => (p.Field, p.Code)).OrderBy(p => p.Field));
    }

    [Fact]
    public void Join_and_constant_mappings_are_applied()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("j", null,
            ("Auth:Scheme", "Anonymous"),
            ("Fields:Address1:Join:0", "street"),
            ("Fields:Address1:Join:1", "unit"),
            ("Fields:Address1:Separator", ", "),
            ("Fields:Lead_Source:Constant", "Partner feed"),
            ("Fields:First_Name:Source", "name"),
            ("Fields:First_Name:Transform", "first-name|upper")));

        var lead = harness.Preparer.Prepare(IntakeHarness.Request("j", """{"street":"1 George St","unit":"","name":"jane doe"}""", "application/json")).Lead!.Lead;

        Assert.Equal("1 George St", lead.Fields["Address1"]);
        Assert.Equal("Partner feed", lead.Fields["Lead_Source"]);
        Assert.Equal("JANE", lead.Fields["First_Name"]);
    }

    [Fact]
    public void The_remapper_uses_the_current_configuration_without_authentication()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("h", RoutePresets.HubSpot, ("Auth:Secret", "s")));

        var ok = harness.Remapper.Remap("h", File.ReadAllBytes(IntakeHarness.FixturePath("hubspot/workflow-contact.json")), "application/json");
        var broken = harness.Remapper.Remap("h", Encoding.UTF8.GetBytes("{}"), "application/json");
        var unknown = harness.Remapper.Remap("gone", Encoding.UTF8.GetBytes("{}"), "application/json");

        Assert.True(ok.Succeeded);
        Assert.Equal("h", ok.Lead!.Route);
        Assert.False(broken.Succeeded);
        Assert.Contains(broken.Problems, p => p.StartsWith("properties.firstname.value:", StringComparison.Ordinal));
        Assert.Contains("No intake route is named 'gone'", Assert.Single(unknown.Problems), StringComparison.Ordinal);
    }
}

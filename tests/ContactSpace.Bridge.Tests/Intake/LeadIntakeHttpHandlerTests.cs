using System.Text;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class LeadIntakeHttpHandlerTests
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Lead = """{"first_name":"Jane","mobile":"0414616126"}""";

    private static IntakeHarness Api(params (string Key, string? Value)[] extra)
        => new(IntakeHarness.Route("api", RoutePresets.Zapier, [("Auth:Secret", "fn-key-1"), .. extra]));

    private static IntakeHarness WebForm(params (string Key, string? Value)[] extra)
        => new(IntakeHarness.Route("web", RoutePresets.HtmlForm,
            [("AllowedOrigins:0", "https://www.example.com"), ("SuccessUrl", "https://www.example.com/thanks"), ("ErrorUrl", "https://www.example.com/sorry?form=1"), .. extra]));

    private static Task<HttpResponseSnapshot> PostApi(IntakeHarness harness, string body, string? contentType = Json, params (string, string)[] headers)
        => harness.SendAsync(IntakeHarness.HttpContext("POST", "api", Encoding.UTF8.GetBytes(body), contentType, [("x-functions-key", "fn-key-1"), .. headers]), "api");

    private static void Accepts(IntakeHarness harness, AcceptanceResult result)
        => harness.Acceptor.AcceptAsync(Arg.Any<PreparedLead>(), Arg.Any<CancellationToken>()).Returns(result);

    [Fact]
    public async Task Delivered_is_201_with_lead_and_record_ids()
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Delivered, "lead-1", 9001));

        var response = await PostApi(harness, Lead);

        Assert.Equal(201, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("lead-1", response.Json.GetProperty("leadId").GetString());
        Assert.Equal(9001, response.Json.GetProperty("recordId").GetInt64());
        Assert.Equal("delivered", response.Json.GetProperty("status").GetString());
        await harness.Acceptor.Received(1).AcceptAsync(Arg.Is<PreparedLead>(p => p.Lead.Fields["Mobile_Phone"] == "61414616126"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Queued_is_202_with_a_location()
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Queued, "lead-2"));

        var response = await PostApi(harness, Lead);

        Assert.Equal(202, response.Status);
        Assert.Equal("/api/leads/lead-2", response.Headers.Location.ToString());
        Assert.Equal("queued", response.Json.GetProperty("status").GetString());
        Assert.Equal("lead-2", response.Json.GetProperty("leadId").GetString());
    }

    [Fact]
    public async Task A_repeat_gets_the_first_answer_marked_as_replayed()
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Delivered, "lead-1", 9001) { IsRepeat = true });

        var response = await PostApi(harness, Lead, Json, ("Idempotency-Key", "k-1"));

        Assert.Equal(201, response.Status);
        Assert.Equal("true", response.Headers["Idempotent-Replayed"].ToString());
        await harness.Acceptor.Received(1).AcceptAsync(Arg.Is<PreparedLead>(p => p.IdempotencyKey == "k-1"), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(AcceptanceStatus.InFlight, 409, ProblemCodes.InFlight, "Idempotency-Key")]
    [InlineData(AcceptanceStatus.KeyReusedWithDifferentPayload, 422, ProblemCodes.KeyReused, "Idempotency-Key")]
    [InlineData(AcceptanceStatus.Rejected, 422, ProblemCodes.Rejected, "contactspace")]
    public async Task Refusals_by_delivery_are_problems(AcceptanceStatus status, int expectedStatus, string code, string field)
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(status, "lead-3", Message: "Unknown column 'Record_ID' in 'field list'"));

        var response = await PostApi(harness, Lead);

        Assert.Equal(expectedStatus, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(code, response.Json.GetProperty("code").GetString());
        Assert.Equal("Unknown column 'Record_ID' in 'field list'", response.Json.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Unavailable_is_503_with_retry_after()
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Unavailable, null) { RetryAfter = TimeSpan.FromSeconds(12.2) });

        var response = await PostApi(harness, Lead);

        Assert.Equal(503, response.Status);
        Assert.Equal("13", response.Headers.RetryAfter.ToString());
        Assert.Equal(ProblemCodes.Unavailable, response.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_acceptor_exception_is_a_503_not_a_500()
    {
        using var harness = Api();
        harness.Acceptor.AcceptAsync(Arg.Any<PreparedLead>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("boom"));

        var response = await PostApi(harness, Lead);

        Assert.Equal(503, response.Status);
        Assert.Equal("30", response.Headers.RetryAfter.ToString());
    }

    public static TheoryData<string, string?, int, string, string> BadInputs() => new()
    {
        { "{\"first_name\":", Json, 400, "body", ProblemCodes.Malformed },
        { "first_name=Jane&first_name=%ZZ", "multipart/form-data; boundary=zz", 400, "body", ProblemCodes.Malformed },
        { "<lead><first_name>Jane</lead>", "application/xml", 400, "body", ProblemCodes.Malformed },
        { Lead, "text/plain", 415, "body", ProblemCodes.UnsupportedMediaType },
        { Lead, "application/json; charset=big5", 415, "body", ProblemCodes.UnsupportedCharset },
        { """{"mobile":"0414616126"}""", Json, 422, "first_name", ProblemCodes.Missing },
        { """{"first_name":"Jane","mobile":"04146"}""", Json, 422, "mobile", ProblemCodes.InvalidPhone },
        { "{" + string.Join(",", Enumerable.Range(0, 201).Select(i => $"\"f{i}\":1")) + "}", Json, 400, "body", ProblemCodes.TooManyFields },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_4xx_problem_naming_each_problem_and_nothing_is_accepted(string body, string? contentType, int status, string field, string code)
    {
        using var harness = Api();

        var response = await PostApi(harness, body, contentType);

        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.Equal(code, response.Json.GetProperty("code").GetString());
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out var messages), response.Body);
        Assert.NotEmpty(messages[0].GetString()!);
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_without_reading_past_it()
    {
        using var harness = Api(("Ignored", null));
        var body = new byte[262_145];
        var context = IntakeHarness.HttpContext("POST", "api", body, Json, ("x-functions-key", "fn-key-1"));
        context.Request.ContentLength = null;

        var response = await harness.SendAsync(context, "api");

        Assert.Equal(413, response.Status);
        Assert.Equal(ProblemCodes.TooLarge, response.Json.GetProperty("code").GetString());
        Assert.True(context.Request.Body.Position <= 262_145);
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        using var harness = Api();
        var context = IntakeHarness.HttpContext("POST", "api", Encoding.UTF8.GetBytes(Lead), Json, ("x-functions-key", "fn-key-1"));
        context.Request.ContentLength = 10_000_000;

        var response = await harness.SendAsync(context, "api");

        Assert.Equal(413, response.Status);
        Assert.Equal(0, context.Request.Body.Position);
    }

    [Fact]
    public async Task Unknown_route_is_404_and_wrong_key_401()
    {
        using var harness = Api();

        var unknown = await harness.SendAsync(IntakeHarness.HttpContext("POST", "other", Encoding.UTF8.GetBytes(Lead), Json), "other");
        var unauthorized = await harness.SendAsync(IntakeHarness.HttpContext("POST", "api", Encoding.UTF8.GetBytes(Lead), Json, ("x-functions-key", "nope")), "api");

        Assert.Equal(404, unknown.Status);
        Assert.Equal(ProblemCodes.UnknownRoute, unknown.Json.GetProperty("code").GetString());
        Assert.Equal(401, unauthorized.Status);
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task Html_form_posts_are_redirected_to_the_success_page()
    {
        using var harness = WebForm();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Queued, "lead-4"));
        var context = IntakeHarness.HttpContext("POST", "web", Encoding.UTF8.GetBytes("first_name=Jane&phone=0414616126"), Form, ("Origin", "https://www.example.com"));

        var response = await harness.SendAsync(context, "web");

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks", response.Headers.Location.ToString());
        Assert.Equal("https://www.example.com", response.Headers.AccessControlAllowOrigin.ToString());
    }

    [Fact]
    public async Task Html_form_errors_are_redirected_with_a_reason_code()
    {
        using var harness = WebForm();
        var context = IntakeHarness.HttpContext("POST", "web", Encoding.UTF8.GetBytes("first_name=Jane&phone=123"), Form, ("Origin", "https://www.example.com"));

        var response = await harness.SendAsync(context, "web");

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/sorry?form=1&reason=invalid_phone", response.Headers.Location.ToString());
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task A_filled_honeypot_looks_like_success_and_is_never_forwarded()
    {
        using var harness = WebForm();
        var context = IntakeHarness.HttpContext("POST", "web", Encoding.UTF8.GetBytes("first_name=Bot&_gotcha=buy+now"), Form, ("Origin", "https://www.example.com"));

        var response = await harness.SendAsync(context, "web");

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks", response.Headers.Location.ToString());
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
        Assert.Contains("honeypot", harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_posts_to_a_form_route_get_json_not_redirects()
    {
        using var harness = WebForm();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Queued, "lead-5"));
        var context = IntakeHarness.HttpContext("POST", "web", Encoding.UTF8.GetBytes("""{"first_name":"Jane"}"""), Json, ("Origin", "https://www.example.com"));

        var response = await harness.SendAsync(context, "web");

        Assert.Equal(202, response.Status);
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_configured_origins_only()
    {
        using var harness = WebForm();

        var allowed = await harness.SendAsync(IntakeHarness.HttpContext("OPTIONS", "web", [], null,
            ("Origin", "https://www.example.com"), ("Access-Control-Request-Method", "POST")), "web");
        var refused = await harness.SendAsync(IntakeHarness.HttpContext("OPTIONS", "web", [], null,
            ("Origin", "https://evil.example.net"), ("Access-Control-Request-Method", "POST")), "web");

        Assert.Equal(204, allowed.Status);
        Assert.Equal("https://www.example.com", allowed.Headers.AccessControlAllowOrigin.ToString());
        Assert.Contains("POST", allowed.Headers.AccessControlAllowMethods.ToString(), StringComparison.Ordinal);
        Assert.Contains("Content-Type", allowed.Headers.AccessControlAllowHeaders.ToString(), StringComparison.Ordinal);
        Assert.Equal("Origin", allowed.Headers.Vary.ToString());
        Assert.Equal(403, refused.Status);
        Assert.Empty(refused.Headers.AccessControlAllowOrigin.ToString());
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
    }

    [Fact]
    public async Task Salesforce_gets_the_soap_acknowledgement()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("sf", RoutePresets.SalesforceOutbound, ("Auth:Secret", "sf-key")));
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Queued, "lead-6"));
        var body = File.ReadAllBytes(IntakeHarness.FixturePath("salesforce-outbound/lead-notification.xml"));
        var context = IntakeHarness.HttpContext("POST", "sf", body, "text/xml; charset=utf-8", ("SOAPAction", "\"\""));
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?code=sf-key");

        var response = await harness.SendAsync(context, "sf");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/xml", response.ContentType, StringComparison.Ordinal);
        var ack = System.Xml.Linq.XDocument.Parse(response.Body);
        System.Xml.Linq.XNamespace outbound = "http://soap.sforce.com/2005/09/outbound";
        Assert.Equal("true", ack.Descendants(outbound + "notificationsResponse").Single().Element(outbound + "Ack")!.Value);
        await harness.Acceptor.Received(1).AcceptAsync(Arg.Is<PreparedLead>(p => p.IdempotencyKey == "04l5g00000CkPQbAAN"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        using var harness = Api();

        var response = await harness.SendAsync(IntakeHarness.HttpContext("PUT", "api", Encoding.UTF8.GetBytes(Lead), Json), "api");

        Assert.Equal(405, response.Status);
        Assert.Equal("POST, OPTIONS", response.Headers.Allow.ToString());
    }

    [Fact]
    public async Task Secrets_and_personal_data_are_not_logged()
    {
        using var harness = Api();
        Accepts(harness, new AcceptanceResult(AcceptanceStatus.Delivered, "lead-7", 1));

        await PostApi(harness, Lead);
        await harness.SendAsync(IntakeHarness.HttpContext("POST", "api", Encoding.UTF8.GetBytes(Lead), Json, ("x-functions-key", "fn-key-2")), "api");

        Assert.Contains("lead-7", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("fn-key", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("0414616126", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", harness.Logs.AllText, StringComparison.Ordinal);
    }
}

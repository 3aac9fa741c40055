using System.Security.Cryptography;
using System.Text;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class AuthenticationTests
{
    private const string Body = """{"first_name":"Jane","email":"jane@example.com"}""";

    private static (IntakeHarness Harness, RouteDefinition Route, RequestAuthenticator Auth) Setup(params (string Key, string? Value)[] settings)
        => SetupAt(IntakeHarness.Now, settings);

    private static (IntakeHarness Harness, RouteDefinition Route, RequestAuthenticator Auth) SetupAt(DateTimeOffset now, params (string Key, string? Value)[] settings)
    {
        var harness = new IntakeHarness(IntakeHarness.Route("r", RoutePresets.Zapier, settings), now);
        var route = harness.Services.GetRequiredService<RouteCatalog>().Find("r")!;
        return (harness, route, harness.Services.GetRequiredService<RequestAuthenticator>());
    }

    private static AuthOutcome Check((IntakeHarness Harness, RouteDefinition Route, RequestAuthenticator Auth) setup, IntakeRequest request)
    {
        using (setup.Harness)
        {
            return setup.Auth.Authenticate(request, setup.Route);
        }
    }

    private static IntakeRequest Post(string body, params (string, string)[] headers) => IntakeHarness.Request("r", body, "application/json", headers);

    [Fact]
    public void Function_key_in_header_or_query_passes_and_a_wrong_or_missing_key_fails()
    {
        (string, string?)[] settings = [("Auth:Scheme", "FunctionKey"), ("Auth:Secret", "key-123")];

        Assert.True(Check(Setup(settings), Post(Body, ("x-functions-key", "key-123"))).Succeeded);
        Assert.True(Check(Setup(settings), IntakeHarness.Request("r", Encoding.UTF8.GetBytes(Body), "application/json",
            new Uri("https://bridge.example.com/api/leads/r?code=key-123"))).Succeeded);
        Assert.Equal("the key does not match", Check(Setup(settings), Post(Body, ("x-functions-key", "key-124"))).Reason);
        Assert.Equal("no key in x-functions-key or ?code=", Check(Setup(settings), Post(Body)).Reason);
    }

    [Fact]
    public void Anonymous_checks_origin_or_referer_against_allowed_origins()
    {
        (string, string?)[] settings = [("Auth:Scheme", "Anonymous"), ("AllowedOrigins:0", "https://www.example.com")];

        Assert.True(Check(Setup(settings), Post(Body, ("Origin", "https://www.example.com"))).Succeeded);
        Assert.True(Check(Setup(settings), Post(Body, ("Referer", "https://www.example.com/contact?x=1"))).Succeeded);
        Assert.False(Check(Setup(settings), Post(Body, ("Origin", "https://evil.example.net"))).Succeeded);
        Assert.False(Check(Setup(settings), Post(Body)).Succeeded);
        Assert.True(Check(Setup(("Auth:Scheme", "Anonymous")), Post(Body)).Succeeded);
    }

    [Theory]
    [InlineData("Hex", "", "X-Signature")]
    [InlineData("Base64", "sha256=", "X-Hub-Signature-256")]
    public void Hmac_over_the_raw_body_in_hex_or_base64(string encoding, string prefix, string header)
    {
        (string, string?)[] settings = [("Auth:Scheme", "Hmac"), ("Auth:Secret", "hmac-secret"), ("Auth:Encoding", encoding), ("Auth:Prefix", prefix), ("Auth:Header", header)];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("hmac-secret"), Encoding.UTF8.GetBytes(Body));
        var signature = prefix + (encoding == "Hex" ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac));

        Assert.True(Check(Setup(settings), Post(Body, (header, signature))).Succeeded);
        Assert.Equal("the signature does not match the body", Check(Setup(settings), Post(Body.Replace("Jane", "Joan", StringComparison.Ordinal), (header, signature))).Reason);
        Assert.Equal($"no {header} header", Check(Setup(settings), Post(Body)).Reason);
        Assert.False(Check(Setup(settings), Post(Body, (header, prefix + "zz"))).Succeeded);
    }

    [Fact]
    public void Hmac_hex_signature_is_accepted_in_upper_case()
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes("hmac-secret"), Encoding.UTF8.GetBytes(Body));

        Assert.True(Check(Setup(("Auth:Scheme", "Hmac"), ("Auth:Secret", "hmac-secret")), Post(Body, ("X-Signature", Convert.ToHexString(mac)))).Succeeded);
    }

    [Fact]
    public void Standard_webhooks_published_test_vector_verifies()
    {
        // The Standard Webhooks specification's test vector (also in the reference libraries' tests).
        var setup = SetupAt(DateTimeOffset.FromUnixTimeSeconds(1614265330).AddSeconds(30),
            ("Auth:Scheme", "StandardWebhooks"), ("Auth:Secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        var request = Post("""{"test": 2432232314}""",
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

        Assert.True(Check(setup, request).Succeeded);
    }

    [Theory]
    [InlineData("""{"test": 2432232315}""", "1614265330", 30, "no v1 signature matches")]
    [InlineData("""{"test": 2432232314}""", "1614265330", 301, "timestamp is too old")]
    [InlineData("""{"test": 2432232314}""", "1614265330", -301, "timestamp is too far in the future")]
    [InlineData("""{"test": 2432232314}""", "1614265331", 30, "no v1 signature matches")]
    public void Standard_webhooks_refuses_tampered_and_stale_posts(string body, string timestamp, int secondsLater, string reason)
    {
        var setup = SetupAt(DateTimeOffset.FromUnixTimeSeconds(1614265330).AddSeconds(secondsLater),
            ("Auth:Scheme", "StandardWebhooks"), ("Auth:Secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        var request = Post(body, ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"), ("webhook-timestamp", timestamp),
            ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

        Assert.Equal(reason, Check(setup, request).Reason);
    }

    [Fact]
    public void Standard_webhooks_needs_all_three_headers()
    {
        var setup = Setup(("Auth:Scheme", "StandardWebhooks"), ("Auth:Secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        Assert.Contains("headers are required", Check(setup, Post(Body, ("webhook-id", "x"))).Reason, StringComparison.Ordinal);
    }

    /// <summary>HubSpot's documented construction: base64(HMAC-SHA256(secret, method + URI + body + timestamp)).</summary>
    private static string HubSpotSignature(string secret, string method, string uri, string body, string timestamp)
        => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(method + uri + body + timestamp)));

    [Fact]
    public void HubSpot_v3_valid_signature_passes_with_the_documented_uri_decoding()
    {
        var setup = Setup(("Auth:Scheme", "HubSpotV3"), ("Auth:Secret", "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"));
        var timestamp = IntakeHarness.Now.AddMinutes(-4).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = new Uri("https://bridge.example.com/api/leads/r?source=workflow%3Asignup");
        var signature = HubSpotSignature("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "POST", "https://bridge.example.com/api/leads/r?source=workflow:signup", Body, timestamp);
        var request = IntakeHarness.Request("r", Encoding.UTF8.GetBytes(Body), "application/json", url,
            ("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp));

        Assert.True(Check(setup, request).Succeeded);
    }

    [Theory]
    [InlineData(-6, false, "timestamp is too old")]
    [InlineData(-1, true, "the signature does not match the request")]
    public void HubSpot_v3_refuses_stale_and_tampered_posts(int minutes, bool tamper, string reason)
    {
        var setup = Setup(("Auth:Scheme", "HubSpotV3"), ("Auth:Secret", "client-secret"));
        var timestamp = IntakeHarness.Now.AddMinutes(minutes).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HubSpotSignature("client-secret", "POST", "https://bridge.example.com/api/leads/r", Body, timestamp);
        var request = Post(tamper ? Body + " " : Body, ("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp));

        Assert.Equal(reason, Check(setup, request).Reason);
    }

    [Fact]
    public void HubSpot_v3_needs_its_headers()
        => Assert.Contains("required", Check(Setup(("Auth:Scheme", "HubSpotV3"), ("Auth:Secret", "s")), Post(Body)).Reason, StringComparison.Ordinal);

    [Fact]
    public void Typeform_signature_is_sha256_prefixed_base64_of_the_body()
    {
        var signature = "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("tf-secret"), Encoding.UTF8.GetBytes(Body)));
        (string, string?)[] settings = [("Auth:Scheme", "Typeform"), ("Auth:Secret", "tf-secret")];

        Assert.True(Check(Setup(settings), Post(Body, ("Typeform-Signature", signature))).Succeeded);
        Assert.False(Check(Setup(settings), Post(Body + "\n", ("Typeform-Signature", signature))).Succeeded);
        Assert.Equal("no Typeform-Signature header", Check(Setup(settings), Post(Body)).Reason);
        Assert.Contains("does not start with 'sha256='", Check(Setup(settings), Post(Body, ("Typeform-Signature", signature[7..]))).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zapier:p@ss:word", true)]
    [InlineData("zapier:wrong", false)]
    [InlineData("other:p@ss:word", false)]
    [InlineData("no-colon", false)]
    public void Basic_compares_user_and_password(string credentials, bool succeeds)
    {
        var setup = Setup(("Auth:Scheme", "Basic"), ("Auth:Username", "zapier"), ("Auth:Password", "p@ss:word"));
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

        Assert.Equal(succeeds, Check(setup, Post(Body, ("Authorization", header))).Succeeded);
    }

    [Fact]
    public void Basic_without_a_header_fails()
        => Assert.Equal("no Basic Authorization header",
            Check(Setup(("Auth:Scheme", "Basic"), ("Auth:Username", "u"), ("Auth:Password", "p")), Post(Body, ("Authorization", "Bearer x"))).Reason);

    [Fact]
    public async Task A_failed_check_is_a_401_logged_without_secret_or_signature_and_never_forwarded()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("r", RoutePresets.Zapier, ("Auth:Scheme", "Hmac"), ("Auth:Secret", "top-secret-hmac-key")));
        var context = IntakeHarness.HttpContext("POST", "r", Encoding.UTF8.GetBytes("{not json"), "application/json", ("X-Signature", "deadbeefcafe"));

        var response = await harness.SendAsync(context, "r");

        // Authentication runs before parsing: the malformed body is never looked at.
        Assert.Equal(401, response.Status);
        Assert.Equal("unauthorized", response.Json.GetProperty("code").GetString());
        Assert.Contains("signature does not match", response.Json.GetProperty("errors").GetProperty("auth")[0].GetString(), StringComparison.Ordinal);
        await harness.Acceptor.DidNotReceiveWithAnyArgs().AcceptAsync(default!, default);
        Assert.Contains("authentication failed on route r", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-hmac-key", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("deadbeefcafe", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("deadbeefcafe", response.Body, StringComparison.Ordinal);
    }
}

using ContactSpace.Bridge.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class BridgeOptionsTests
{
    private static OptionsValidationException Invalid(Dictionary<string, string?> settings)
    {
        using var harness = new IntakeHarness(settings);
        return Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<BridgeOptions>>().Value);
    }

    [Fact]
    public void A_route_is_added_purely_by_configuration_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bridge:Routes:partner:Preset"] = "zapier",
            ["Bridge:Routes:partner:DatasetId"] = "12",
            ["Bridge:Routes:partner:Auth:Secret"] = "k",
            ["Bridge:Routes:partner:IdempotencyWindow"] = "1.00:00:00",
            ["Bridge:AccountTimeZone"] = "Australia/Perth",
            ["Bridge:Intake:MaxBodyBytes"] = "65536",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddLeadIntake(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<BridgeOptions>>().Value;
        var route = services.GetRequiredService<RouteCatalog>().Find("PARTNER")!;

        Assert.Equal(12, route.DatasetId);
        Assert.Equal(TimeSpan.FromDays(1), route.IdempotencyWindow);
        Assert.Equal(AuthScheme.FunctionKey, route.Auth.Scheme);
        Assert.Equal("Australia/Perth", route.Transform.AccountTimeZone.Id);
        Assert.Equal(65536, options.Intake.MaxBodyBytes);
        Assert.Equal(200, options.Intake.MaxFields);
    }

    [Fact]
    public void Every_error_names_its_route_and_setting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bridge:AccountTimeZone"] = "Mars/Olympus",
            ["Bridge:Routes:web:Preset"] = "html-frm",
            ["Bridge:Routes:web:Fields:First Name:Source"] = "a",
            ["Bridge:Routes:web:Fields:Mobile_Phone:Source"] = "phone[",
            ["Bridge:Routes:web:Fields:Notes:Source"] = "n",
            ["Bridge:Routes:web:Fields:Notes:Transform"] = "shout",
            ["Bridge:Routes:web:DefaultRegion"] = "XX",
            ["Bridge:Routes:web:SuccessUrl"] = "/thanks",
            ["Bridge:Routes:web:AllowedOrigins:0"] = "example.com",
            ["Bridge:Routes:hook:DatasetId"] = "5",
            ["Bridge:Routes:hook:Fields:First_Name:Source"] = "name",
            ["Bridge:Routes:hook:Auth:Scheme"] = "StandardWebhooks",
            ["Bridge:Routes:hook:Auth:Secret"] = "whsec_not base64!",
            ["Bridge:Routes:hot:DatasetId"] = "5",
            ["Bridge:Routes:hot:Preset"] = "zapier",
            ["Bridge:Routes:hot:Auth:Secret"] = "k",
            ["Bridge:Routes:hot:Mode"] = "InsertNextRecord",
            ["Bridge:Routes:basic:DatasetId"] = "5",
            ["Bridge:Routes:basic:Preset"] = "zapier",
            ["Bridge:Routes:basic:Auth:Scheme"] = "Basic",
        };

        var failures = Invalid(settings).Failures.ToList();

        string[] expected =
        [
            "Bridge:AccountTimeZone 'Mars/Olympus'",
            "Bridge:Routes:web:Preset 'html-frm' is unknown",
            "Bridge:Routes:web:DatasetId is required",
            "Bridge:Routes:web:Fields:First Name: 'First Name' is not a valid contactSPACE field name",
            "Bridge:Routes:web:Fields:Mobile_Phone:Source 'phone['",
            "Bridge:Routes:web:Fields:Notes:Transform has an unknown transform 'shout'",
            "Bridge:Routes:web:DefaultRegion 'XX'",
            "Bridge:Routes:web:SuccessUrl '/thanks'",
            "Bridge:Routes:web:AllowedOrigins 'example.com'",
            "Bridge:Routes:hook:Auth:Secret must be a Standard Webhooks secret",
            "Bridge:Routes:hot:UserId is required when Mode is InsertNextRecord",
            "Bridge:Routes:basic:Auth:Username and Bridge:Routes:basic:Auth:Password are required",
        ];
        Assert.All(expected, part => Assert.Contains(failures, f => f.Contains(part, StringComparison.Ordinal)));
    }

    [Fact]
    public void Secret_schemes_need_a_secret_and_a_route_needs_fields()
    {
        var failures = Invalid(new Dictionary<string, string?>
        {
            ["Bridge:Routes:a:DatasetId"] = "1",
            ["Bridge:Routes:a:Preset"] = "typeform",
            ["Bridge:Routes:b:DatasetId"] = "1",
            ["Bridge:Routes:b:Auth:Scheme"] = "Anonymous",
            ["Bridge:Routes:bad name!:DatasetId"] = "1",
            ["Bridge:Intake:MaxFields"] = "0",
        }).Failures.ToList();

        Assert.Contains(failures, f => f.Contains("Bridge:Routes:a:Auth:Secret is required for the Typeform scheme", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Bridge:Routes:b:Fields maps no contactSPACE field", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Bridge:Routes:bad name!: a route name must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Bridge:Intake:MaxFields", StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_stay_out_of_ToString_and_validation_messages()
    {
        var auth = new RouteAuthOptions { Scheme = AuthScheme.Basic, Secret = "s3cr3t", Username = "u", Password = "pw-s3cr3t" };
        var failures = Invalid(new Dictionary<string, string?>
        {
            ["Bridge:Routes:a:Auth:Scheme"] = "StandardWebhooks",
            ["Bridge:Routes:a:Auth:Secret"] = "whsec_leaky-secret-value!",
            ["Bridge:Routes:a:Fields:First_Name:Source"] = "x",
        }).Failures;

        Assert.DoesNotContain("s3cr3t", auth.ToString(), StringComparison.Ordinal);
        Assert.All(failures, f => Assert.DoesNotContain("leaky-secret-value", f, StringComparison.Ordinal));
    }
}

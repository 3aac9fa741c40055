using System.Text.Json.Nodes;

namespace Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class AlertAndScaleTests(CompiledTemplate template)
{
    [Theory]
    [InlineData("dead-letters", "leads.dead_lettered")]
    [InlineData("poison-queue", "DrainPoisonLeads")]
    [InlineData("delivery-failure-rate", "DeliverLead")]
    public void Each_alert_queries_what_it_watches_and_notifies_the_action_group(string alertName, string watched)
    {
        var alerts = CompiledTemplate.ModuleTemplate(template.Root, "alerts");
        var rule = alerts["variables"]!["rules"]!.AsArray().OfType<JsonObject>().SingleOrDefault(r => (string?)r["name"] == alertName);
        var resource = CompiledTemplate.Resources(alerts).Single(r => (string?)r["type"] == "Microsoft.Insights/scheduledQueryRules");

        Assert.True(rule is not null, $"No alert named {alertName}.");
        Assert.Contains(watched, rule["query"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("actionGroup", CompiledTemplate.Json(resource["properties"]!["actions"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_action_group_mails_the_alert_email_parameter()
    {
        var group = template.ResourcesOfType("Microsoft.Insights/actionGroups").Single();
        var receivers = group["properties"]!["emailReceivers"]!.AsArray();

        Assert.Single(receivers);
        Assert.Equal("[parameters('alertEmail')]", (string?)receivers[0]!["emailAddress"]);
        Assert.NotNull(template.Root["parameters"]!["alertEmail"]);
        Assert.Null(template.Root["parameters"]!["alertEmail"]!["defaultValue"]);
    }

    [Fact]
    public void Maximum_instance_count_is_capped_by_the_contactspace_rate_limit()
    {
        var variables = template.Root["variables"]!;
        var parameters = template.Root["parameters"]!;
        var api = CompiledTemplate.Resources(template.Root).Single(r => (string?)r["name"] == "api")["properties"]!["parameters"]!;

        // instances x per-instance rate <= account limit: max instances = min(wanted, limit / rate).
        Assert.Equal(
            "[max(1, div(parameters('contactSpaceRateLimitPerSecond'), parameters('contactSpaceMaxRequestsPerSecond')))]",
            (string?)variables["rateLimitedInstanceCount"]);
        Assert.Equal(
            "[min(parameters('maximumInstanceCount'), variables('rateLimitedInstanceCount'))]",
            (string?)variables["effectiveMaximumInstanceCount"]);
        Assert.Equal("[variables('effectiveMaximumInstanceCount')]", (string?)api["maximumInstanceCount"]!["value"]);

        // The per-instance rate the cap is computed from is the one the app is given.
        Assert.Equal("[parameters('contactSpaceMaxRequestsPerSecond')]", (string?)api["contactSpaceMaxRequestsPerSecond"]!["value"]);
        Assert.Equal("[string(parameters('contactSpaceMaxRequestsPerSecond'))]", template.AppSettings["ContactSpace__MaxRequestsPerSecond"]);

        // FACTS.md: contactSPACE allows at most 50 requests a second.
        Assert.Equal(50, (int?)parameters["contactSpaceRateLimitPerSecond"]!["defaultValue"]);
    }

    [Fact]
    public void Flex_scale_settings_are_parameters()
    {
        var scale = template.ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        var parameters = template.Root["parameters"]!.AsObject();

        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)scale["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale["maximumInstanceCount"]);
        Assert.Equal("[parameters('alwaysReady')]", (string?)scale["alwaysReady"]);
        Assert.Contains("instanceMemoryMB", parameters.Select(p => p.Key));
        Assert.Contains("maximumInstanceCount", parameters.Select(p => p.Key));
        Assert.Contains("alwaysReadyHttpInstanceCount", parameters.Select(p => p.Key));
    }
}

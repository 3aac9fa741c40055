using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json.Nodes;
using ContactSpace.Bridge.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class AlertAndScaleTests(CompiledTemplate template)
{
    private JsonObject Alerts => CompiledTemplate.ModuleTemplate(template.Root, "alerts");

    [Theory]
    [InlineData("dead-letters", "variables('metricNames').deadLettered", "variables('logFragments').deadLettered")]
    [InlineData("poison-queue", "\"DrainPoisonLeads\"", "requests")]
    [InlineData("delivery-failure-rate", "variables('metricNames').retried", "variables('logFragments').retried")]
    public void Each_alert_queries_what_it_watches_and_notifies_the_action_group(string alertName, string watched, string alsoWatched)
    {
        var rule = Alerts["variables"]!["rules"]!.AsArray().OfType<JsonObject>().SingleOrDefault(r => (string?)r["name"] == alertName);
        var resource = CompiledTemplate.Resources(Alerts).Single(r => (string?)r["type"] == "Microsoft.Insights/scheduledQueryRules");

        Assert.True(rule is not null, $"No alert named {alertName}.");
        var query = Resolve(rule["query"]!.ToString());
        Assert.Contains(watched, query, StringComparison.Ordinal);
        Assert.Contains(alsoWatched, query, StringComparison.Ordinal);
        Assert.Contains("actionGroup", CompiledTemplate.Json(resource["properties"]!["actions"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_metric_names_are_instruments_the_bridge_creates()
    {
        var published = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == DeliveryMetrics.MeterName)
            {
                published.Add(instrument.Name);
            }
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _ = new DeliveryMetrics(services.GetRequiredService<IMeterFactory>());

        var missing = Alerts["variables"]!["metricNames"]!.AsObject().Select(m => (string)m.Value!).Where(name => !published.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"Alerts query metrics DeliveryMetrics no longer creates: {string.Join(", ", missing)} (it creates {string.Join(", ", published)}).");
    }

    [Fact]
    public void Alert_log_fragments_are_in_the_bridge_log_messages()
    {
        var messages = ConfigurationContract.Assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.Message)
            .OfType<string>()
            .ToList();

        var missing = Alerts["variables"]!["logFragments"]!.AsObject().Select(f => (string)f.Value!)
            .Where(fragment => !messages.Any(m => m.Contains(fragment, StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(messages);
        Assert.True(missing.Count == 0, "Alerts look for log text no [LoggerMessage] writes any more: " + string.Join(", ", missing.Select(f => $"'{f}'")));
    }

    [Fact]
    public void Alert_function_names_are_functions_of_the_app()
    {
        var functions = ConfigurationContract.FunctionNames();

        Assert.Contains("DrainPoisonLeads", functions);
        Assert.Contains("DrainPoisonLeads", Resolve("[variables('poisonQuery')]"), StringComparison.Ordinal);
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

    // A query kept in a variable compiles to "[variables('name')]": read the variable's text instead.
    private string Resolve(string expression)
    {
        const string Prefix = "[variables('";
        return expression.StartsWith(Prefix, StringComparison.Ordinal) && expression.EndsWith("')]", StringComparison.Ordinal)
            ? Alerts["variables"]![expression[Prefix.Length..^3]]!.ToString()
            : expression;
    }
}

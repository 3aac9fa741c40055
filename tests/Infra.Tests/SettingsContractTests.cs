using System.Text.Json.Nodes;
using ContactSpace.Testing;

namespace Infra.Tests;

/// <summary>
/// The cross-check: every setting the code requires is set by the template, and every setting the template sets
/// under an options section binds to a member of that options class. A rename on either side fails here.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class SettingsContractTests(CompiledTemplate template)
{
    [Fact]
    public void The_client_options_are_found_by_reflection()
    {
        // Guards the reflection itself: if it found nothing, the checks below would pass vacuously.
        Assert.Contains(ConfigurationContract.OptionsTypes, o => o.Section == "ContactSpace");
    }

    [Fact]
    public void Every_required_option_is_set_by_the_template()
    {
        var settings = template.AppSettings;
        var required = ConfigurationContract.RequiredSettings();
        var missing = required.Where(name => !settings.ContainsKey(name)).ToList();

        Assert.NotEmpty(required);
        Assert.True(missing.Count == 0, "The code requires these settings but infra/app/api.bicep does not set them: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_timer_schedule_has_an_app_setting()
    {
        var settings = template.AppSettings;
        var missing = ConfigurationContract.TimerScheduleSettings().Where(name => !settings.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, "[TimerTrigger] schedules read these app settings, which the template does not set: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("AgentStatusSchedule")]
    [InlineData("CallOutcomeSchedule")]
    public void The_contract_schedules_are_set(string name)
    {
        // docs/architecture.md names them; the reflection check above covers them once the timer functions exist.
        Assert.True(template.AppSettings.ContainsKey(name), $"{name} is not set.");
    }

    [Fact]
    public void Every_option_setting_the_template_sets_binds_to_a_member()
    {
        var problems = template.AppSettings.Keys.Select(ConfigurationContract.BindingProblem).OfType<string>().ToList();

        Assert.True(problems.Count == 0, "Settings the code would ignore:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_example_route_binds_to_route_options()
    {
        var routeType = ConfigurationContract.OptionsTypes.Select(o => o.Type)
            .SelectMany(t => t.GetProperties())
            .Where(p => p.Name == "Routes")
            .Select(p => p.PropertyType.GetGenericArguments().LastOrDefault())
            .OfType<Type>()
            .FirstOrDefault();
        Assert.True(routeType is not null, "No options class has a Routes dictionary: where do Bridge__Routes__* settings bind now?");

        var example = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "routes.example.json")))!["parameters"]!["routes"]!["value"]!.AsObject();
        Assert.NotEmpty(example);
        var problems = new List<string>();
        foreach (var (routeName, route) in example)
        {
            var paths = route!["settings"]!.AsObject().Select(s => s.Key)
                .Concat(route["secrets"]?.AsObject().Select(s => s.Key) ?? []);
            foreach (var path in paths)
            {
                var setting = $"Bridge__Routes__{routeName}__{path}";
                if (ConfigurationContract.BindingProblem(routeType!, path.Split("__"), 0, setting) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        Assert.True(problems.Count == 0, "infra/routes.example.json has settings RouteOptions would ignore:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Binding_check_reports_a_renamed_member_by_setting_name()
    {
        // The check must name the setting and the class, or a rename would fail with an unhelpful message.
        var problem = ConfigurationContract.BindingProblem("ContactSpace__BaseUrlRenamed");

        Assert.NotNull(problem);
        Assert.Contains("ContactSpace__BaseUrlRenamed", problem, StringComparison.Ordinal);
        Assert.Contains("ContactSpaceClientOptions", problem, StringComparison.Ordinal);
        Assert.Null(ConfigurationContract.BindingProblem("ContactSpace__BaseUrl"));
        Assert.Null(ConfigurationContract.BindingProblem("SomethingOutsideEverySection"));
    }

    [Fact]
    public void The_contract_storage_names_are_created()
    {
        // docs/architecture.md: "Storage names".
        Assert.Subset(TemplateList("queueNames"), new HashSet<string>(["lead-delivery", "lead-delivery-poison"]));
        Assert.Subset(TemplateList("tableNames"), new HashSet<string>(["Leads", "Idempotency", "DeadLetters", "AgentStatus", "AgentStatusHistory", "CallOutcomes"]));
    }

    [Fact]
    public void Every_queue_and_table_the_code_names_is_created()
    {
        // The code's own constants and trigger attributes, so a storage name added or renamed in the code shows up here.
        var bridge = typeof(ContactSpace.Bridge.Leads.InsertMode).Assembly;
        var constants = new[] { "ContactSpace.Bridge.Storage.StorageNames", "ContactSpace.Bridge.Polling.PollingTables" }
            .Select(name => bridge.GetType(name) ?? throw new InvalidOperationException($"{name} is gone: update this test to where storage names live now."))
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "ConnectionSetting")
            .ToDictionary(f => $"{f.DeclaringType!.Name}.{f.Name}", f => (string)f.GetRawConstantValue()!);
        var queues = TemplateList("queueNames");
        var tables = TemplateList("tableNames");

        var missing = constants.Where(c => !(c.Key.EndsWith("Queue", StringComparison.Ordinal) ? queues : tables).Contains(c.Value))
            .Select(c => $"{c.Key} = {c.Value}")
            .Concat(ConfigurationContract.TriggerQueueNames().Where(q => !queues.Contains(q)).Select(q => $"[QueueTrigger(\"{q}\")]"))
            .ToList();
        Assert.True(missing.Count == 0, "infra/main.bicep does not create: " + string.Join(", ", missing));
        var storage = CompiledTemplate.Resources(template.Root).Single(r => (string?)r["name"] == "storage")["properties"]!["parameters"]!;
        Assert.Equal("[variables('queueNames')]", (string?)storage["queues"]!["value"]);
        Assert.Equal("[variables('tableNames')]", (string?)storage["tables"]!["value"]);
    }

    private HashSet<string> TemplateList(string variable)
        => [.. template.Root["variables"]![variable]!.AsArray().Select(n => (string)n!)];

    [Fact]
    public void Flex_consumption_settings_the_platform_refuses_are_not_set()
    {
        var settings = template.AppSettings;

        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "Flex Consumption sets the runtime in functionAppConfig.runtime.");
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"), "Flex Consumption refuses FUNCTIONS_EXTENSION_VERSION.");
        var functionApp = CompiledTemplate.Resources(template.ApiTemplate).Single(r => (string?)r["name"] == "function-app")["properties"]!["parameters"]!;
        Assert.Equal("dotnet-isolated", (string?)functionApp["runtimeName"]!["value"]);
        Assert.Equal("10.0", (string?)functionApp["runtimeVersion"]!["value"]);
    }
}

using System.Text.Json.Nodes;
using ContactSpace.Testing;

namespace Infra.Tests;

/// <summary>The files azd reads agree with the template and the repository.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class AzdLayoutTests(CompiledTemplate template)
{
    [Fact]
    public void Parameters_file_names_only_parameters_of_main_and_every_required_one()
    {
        var given = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject()
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var declared = template.Root["parameters"]!.AsObject();

        var unknown = given.Where(name => !declared.ContainsKey(name)).ToList();
        var requiredMissing = declared.Where(p => p.Value!["defaultValue"] is null && p.Value["nullable"] is null && !given.Contains(p.Key)).Select(p => p.Key).ToList();
        Assert.True(unknown.Count == 0, "main.parameters.json sets parameters main.bicep does not declare: " + string.Join(", ", unknown));
        Assert.True(requiredMissing.Count == 0, "main.parameters.json does not set required parameters: " + string.Join(", ", requiredMissing));
    }

    [Fact]
    public void The_example_routes_fit_the_routes_parameter_type()
    {
        // build-params type-checks values against main.bicep's parameter types (routeType), offline.
        var folder = Directory.CreateTempSubdirectory("infra-params-").FullName;
        try
        {
            string Relative(params string[] parts) => Path.GetRelativePath(folder, RepositoryPaths.Combine(parts)).Replace('\\', '/');
            var file = Path.Combine(folder, "example.bicepparam");
            File.WriteAllText(file, $"""
                using '{Relative("infra", "main.bicep")}'
                param environmentName = 'test'
                param location = 'australiaeast'
                param alertEmail = 'ops@example.com'
                param routes = loadJsonContent('{Relative("infra", "routes.example.json")}').parameters.routes.value
                """);

            var result = BicepCli.Run("build-params", file, "--stdout");

            Assert.True(result.ExitCode == 0 && result.Errors.Count == 0, $"infra/routes.example.json does not fit main.bicep:\n{result.StandardError}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Azure_yaml_points_at_the_functions_project_and_the_infra_folder()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("azure.yaml")).Select(l => l.Trim()).ToList();
        var project = lines.Single(l => l.StartsWith("project:", StringComparison.Ordinal))["project:".Length..].Trim();

        Assert.Contains("path: infra", lines);
        Assert.Contains("host: function", lines);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project, "ContactSpace.Bridge.Functions.csproj")), $"azure.yaml's project {project} has no Functions project.");

        // azd deploys to the app tagged with the service name.
        var serviceName = CompiledTemplate.Resources(template.Root).Single(r => (string?)r["name"] == "api")["properties"]!["parameters"]!["serviceName"]!["value"]!.ToString();
        Assert.Contains($"{serviceName}:", lines);
    }
}

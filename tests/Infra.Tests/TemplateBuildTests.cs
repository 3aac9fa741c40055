using ContactSpace.Testing;

namespace Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class TemplateBuildTests(CompiledTemplate template)
{
    [Fact]
    public void Main_template_builds()
    {
        Assert.True(template.Build.ExitCode == 0, $"bicep build failed:\n{template.Build.StandardError}");
        Assert.Empty(template.Build.Errors);
        Assert.NotEmpty(template.Root);
    }

    [Fact]
    public void Lint_reports_no_errors()
    {
        var lint = BicepCli.Run("lint", template.MainBicep);

        Assert.True(lint.ExitCode == 0 && lint.Errors.Count == 0, $"bicep lint reported errors:\n{lint.StandardError}");
    }

    [Fact]
    public void Lint_config_turns_on_recent_api_versions_and_the_security_rules_as_errors()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();

        string[] required =
        [
            "use-recent-api-versions", "secure-parameter-default", "secure-secrets-in-params", "outputs-should-not-contain-secrets",
            "secure-params-in-nested-deploy", "use-secure-value-for-secure-inputs", "protect-commandtoexecute-secrets",
            "adminusername-should-not-be-literal", "no-hardcoded-env-urls",
        ];
        var notErrors = required.Where(rule => (string?)rules[rule]?["level"] != "error").ToList();
        Assert.True(notErrors.Count == 0, "bicepconfig.json must set these rules to error: " + string.Join(", ", notErrors));
    }

    [Fact]
    public void Every_parameter_and_output_of_every_bicep_file_has_a_description()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("param ", StringComparison.Ordinal) && !lines[i].StartsWith("output ", StringComparison.Ordinal))
                {
                    continue;
                }

                // Decorators sit on the lines right above the declaration.
                var decorators = lines.Take(i).Reverse().TakeWhile(l => l.StartsWith('@'));
                if (!decorators.Any(d => d.StartsWith("@description(", StringComparison.Ordinal)))
                {
                    missing.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{i + 1}: {lines[i]}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Declarations without @description:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Modules_are_local_files_only()
    {
        var registryModules = Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select(line => (File: f, Line: line)))
            .Where(x => x.Line.Contains("'br:", StringComparison.Ordinal) || x.Line.Contains("'br/", StringComparison.Ordinal) || x.Line.Contains("'ts:", StringComparison.Ordinal))
            .Select(x => $"{Path.GetFileName(x.File)}: {x.Line.Trim()}")
            .ToList();

        Assert.True(registryModules.Count == 0, "Registry modules cannot be restored here:\n" + string.Join('\n', registryModules));
    }
}

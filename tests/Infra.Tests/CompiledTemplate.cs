using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactSpace.Testing;

namespace Infra.Tests;

/// <summary>infra/main.bicep compiled once per test run to ARM JSON, with helpers to find what the tests check.</summary>
public sealed partial class CompiledTemplate : IDisposable
{
    private static readonly JsonSerializerOptions _readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _outputFolder = Directory.CreateTempSubdirectory("infra-tests-").FullName;

    public CompiledTemplate()
    {
        MainBicep = RepositoryPaths.Combine("infra", "main.bicep");
        var outputFile = Path.Combine(_outputFolder, "main.json");
        Build = BicepCli.Run("build", MainBicep, "--outfile", outputFile);
        if (Build.ExitCode == 0 && File.Exists(outputFile))
        {
            Text = File.ReadAllText(outputFile);
            Root = JsonNode.Parse(Text)!.AsObject();
        }
    }

    public string MainBicep { get; }

    public BicepResult Build { get; }

    /// <summary>The compiled template's text (empty when the build failed).</summary>
    public string Text { get; } = "";

    public JsonObject Root { get; } = [];

    /// <summary>The template of the <c>api</c> module (the function app and its settings).</summary>
    public JsonObject ApiTemplate => ModuleTemplate(Root, "api");

    /// <summary>
    /// The app settings the function app gets: the object literals the api module unions into the function app
    /// module's <c>appSettings</c> parameter, by setting name (values are ARM expressions or literals).
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var api = ApiTemplate;
            var functionApp = Resources(api).Single(r => ModuleTemplateOrNull(r) is { } t
                && Resources(t).Any(inner => (string?)inner["type"] == "Microsoft.Web/sites/config"));
            var expression = (string?)functionApp["properties"]?["parameters"]?["appSettings"]?["value"]
                ?? throw new InvalidOperationException("The function app module gets no appSettings parameter.");
            var variables = api["variables"]?.AsObject() ?? [];
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match reference in VariableReference().Matches(expression))
            {
                if (variables[reference.Groups[1].Value] is JsonObject literal)
                {
                    foreach (var (name, value) in literal)
                    {
                        settings[name] = value?.ToString() ?? "";
                    }
                }
            }

            return settings;
        }
    }

    /// <summary>Every resource of the template and of the templates nested in it (modules), depth first.</summary>
    public static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in Resources(template))
        {
            yield return resource;
            if (ModuleTemplateOrNull(resource) is { } nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    public IEnumerable<JsonObject> AllResources() => AllResources(Root);

    /// <summary>JSON text with ARM expressions readable (quotes not escaped), for substring checks.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(_readable) ?? "";

    public IEnumerable<JsonObject> ResourcesOfType(string type)
        => AllResources().Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The resources of one template: an array, or an object keyed by symbolic name (languageVersion 2.0).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    public static JsonObject ModuleTemplate(JsonObject template, string deploymentName)
        => Resources(template)
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
            .Select(ModuleTemplateOrNull)
            .OfType<JsonObject>()
            .SingleOrDefault()
            ?? throw new InvalidOperationException($"The template has no module deployment named '{deploymentName}'.");

    private static JsonObject? ModuleTemplateOrNull(JsonObject resource)
        => (string?)resource["type"] == "Microsoft.Resources/deployments" ? resource["properties"]?["template"] as JsonObject : null;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_outputFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled template";
}

using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace ContactSpace.Bridge.DevHost.Configuration;

/// <summary>
/// Gives the DevHost the Functions app's configuration sources, lowest first: the DevHost's embedded defaults
/// (appsettings.json: Azurite, the local simulator, the demo routes), then <c>local.settings.json</c>'s
/// <c>Values</c> (which <c>func start</c> turns into environment variables), then environment variables and the
/// command line.
/// </summary>
public static class FunctionsAppConfiguration
{
    public const string LocalSettingsFileName = "local.settings.json";

    private const string EmbeddedDefaults = "ContactSpace.Bridge.DevHost.appsettings.json";

    public static void AddFunctionsAppSources(this IConfigurationBuilder configuration, bool loadLocalSettings)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The web host's appsettings files (of whatever content root) give way to the embedded defaults, so a
        // stray appsettings.json in the output folder (another project's, copied along) cannot change them.
        var sources = configuration.Sources;
        var position = sources.Count;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } file } && Path.GetFileName(file).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources.RemoveAt(i);
                position = i;
            }
        }

        if (position == sources.Count)
        {
            position = IndexOfEnvironmentVariables(sources);
        }

        sources.Insert(position, new MemoryConfigurationSource { InitialData = ReadEmbeddedDefaults() });
        if (loadLocalSettings && FindLocalSettings() is { } path)
        {
            sources.Insert(position + 1, new MemoryConfigurationSource { InitialData = ReadLocalSettings(File.ReadAllText(path)) });
        }
    }

    /// <summary>The app settings of a <c>local.settings.json</c> text: <c>Values</c> (<c>__</c> read as <c>:</c>) and <c>ConnectionStrings</c>.</summary>
    public static Dictionary<string, string?> ReadLocalSettings(string json)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = AsString(value.Value);
            }
        }

        if (document.RootElement.TryGetProperty("ConnectionStrings", out var connections) && connections.ValueKind == JsonValueKind.Object)
        {
            foreach (var connection in connections.EnumerateObject())
            {
                settings["ConnectionStrings:" + connection.Name] = AsString(connection.Value);
            }
        }

        return settings;
    }

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static string? FindLocalSettings() =>
        new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Select(dir => Path.Combine(dir, LocalSettingsFileName))
            .FirstOrDefault(File.Exists);

    private static Dictionary<string, string?> ReadEmbeddedDefaults()
    {
        using var stream = typeof(FunctionsAppConfiguration).Assembly.GetManifestResourceStream(EmbeddedDefaults)
            ?? throw new InvalidOperationException($"The embedded {EmbeddedDefaults} is missing from the DevHost build.");
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return configuration.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static int IndexOfEnvironmentVariables(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                return i;
            }
        }

        return sources.Count;
    }
}

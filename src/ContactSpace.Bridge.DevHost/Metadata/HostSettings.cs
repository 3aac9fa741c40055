using System.Globalization;
using System.Text.Json;

namespace ContactSpace.Bridge.DevHost.Metadata;

/// <summary>
/// The parts of <c>host.json</c> the DevHost follows, with the Functions host's defaults for anything not set
/// (see docs/host-settings.md for why the repository's values are what they are).
/// </summary>
public sealed record HostSettings
{
    public const string FileName = "host.json";

    public string RoutePrefix { get; init; } = "api";

    public QueueSettings Queues { get; init; } = new();

    public static HostSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{FileName} was not found at {path}.", path);
        }

        return Parse(File.ReadAllText(path));
    }

    public static HostSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var settings = new HostSettings();
        if (!TryGet(document.RootElement, "extensions", out var extensions))
        {
            return settings;
        }

        if (TryGet(extensions, "http", out var http) && TryGet(http, "routePrefix", out var prefix) && prefix.ValueKind == JsonValueKind.String)
        {
            settings = settings with { RoutePrefix = prefix.GetString()!.Trim('/') };
        }

        if (TryGet(extensions, "queues", out var queues))
        {
            var defaults = settings.Queues;
            settings = settings with
            {
                Queues = new QueueSettings
                {
                    MaxPollingInterval = ReadTimeSpan(queues, "maxPollingInterval") ?? defaults.MaxPollingInterval,
                    VisibilityTimeout = ReadTimeSpan(queues, "visibilityTimeout") ?? defaults.VisibilityTimeout,
                    BatchSize = ReadInt(queues, "batchSize") ?? defaults.BatchSize,
                    NewBatchThreshold = ReadInt(queues, "newBatchThreshold"),
                    MaxDequeueCount = ReadInt(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
                    MessageEncoding = TryGet(queues, "messageEncoding", out var encoding) && encoding.ValueKind == JsonValueKind.String
                        ? encoding.GetString()!
                        : defaults.MessageEncoding,
                },
            };
        }

        return settings;
    }

    // host.json property names are matched without regard to case, as the host does.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static int? ReadInt(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    // The host takes "hh:mm:ss" strings; a bare number is milliseconds.
    private static TimeSpan? ReadTimeSpan(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => TimeSpan.FromMilliseconds(value.GetDouble()),
            JsonValueKind.String => TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}

/// <summary><c>extensions.queues</c> of host.json; the defaults are the Functions host's own.</summary>
public sealed record QueueSettings
{
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int BatchSize { get; init; } = 16;

    /// <summary>Fetch the next batch when this many are still running; the host's default is half the batch size.</summary>
    public int? NewBatchThreshold { get; init; }

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary><c>base64</c> (the default) or <c>none</c>.</summary>
    public string MessageEncoding { get; init; } = "base64";

    public bool IsBase64 => !string.Equals(MessageEncoding, "none", StringComparison.OrdinalIgnoreCase);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    /// <summary>
    /// How long a received message stays invisible while its function runs (renewed at half time). Not a host.json
    /// setting: the host uses 10 minutes; the DevHost reads <c>DevHost:QueueMessageLease</c> so tests that kill a
    /// process need not wait that long for its messages to come back.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);
}

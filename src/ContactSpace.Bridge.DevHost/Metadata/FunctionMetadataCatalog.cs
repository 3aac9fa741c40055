using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactSpace.Bridge.DevHost.Metadata;

/// <summary>
/// The functions the Functions host would load: read from the build's <c>functions.metadata</c> (written by the
/// Worker SDK next to the Functions assembly and copied into this host's output), so the DevHost serves exactly
/// those routes, queues and schedules and cannot drift from them.
/// </summary>
public sealed class FunctionMetadataCatalog
{
    public const string FileName = "functions.metadata";

    private static readonly JsonSerializerOptions _json = new() { PropertyNameCaseInsensitive = true };

    private FunctionMetadataCatalog(IReadOnlyList<FunctionDescriptor> functions) => Functions = functions;

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public static FunctionMetadataCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{FileName} was not found at {path}: build the Functions project (the Worker SDK writes it) before starting the DevHost.", path);
        }

        using var stream = File.OpenRead(path);
        return Parse(stream);
    }

    public static FunctionMetadataCatalog Parse(Stream json)
    {
        var functions = JsonSerializer.Deserialize<List<FunctionDescriptor>>(json, _json)
            ?? throw new InvalidDataException($"{FileName} is empty.");
        return new FunctionMetadataCatalog(functions);
    }

    public FunctionDescriptor Get(string name) => Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"Function '{name}' is not in {FileName}.");
}

/// <summary>One function entry of <c>functions.metadata</c>.</summary>
public sealed record FunctionDescriptor
{
    public required string Name { get; init; }

    /// <summary>The assembly file, e.g. <c>ContactSpace.Bridge.Functions.dll</c>.</summary>
    public required string ScriptFile { get; init; }

    /// <summary><c>Namespace.Type.Method</c>.</summary>
    public required string EntryPoint { get; init; }

    public IReadOnlyList<BindingDescriptor> Bindings { get; init; } = [];

    /// <summary>The binding that starts the function (its type ends in <c>Trigger</c>).</summary>
    [JsonIgnore]
    public BindingDescriptor Trigger => Bindings.FirstOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidDataException($"Function '{Name}' has no trigger binding.");
}

/// <summary>One binding of a function; only the properties the DevHost acts on.</summary>
public sealed record BindingDescriptor
{
    public const string HttpTrigger = "httpTrigger";
    public const string QueueTrigger = "queueTrigger";
    public const string TimerTrigger = "timerTrigger";

    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? Direction { get; init; }

    /// <summary>HTTP: Anonymous, Function, Admin (the host also knows User and System).</summary>
    public string? AuthLevel { get; init; }

    /// <summary>HTTP: lower-case methods; null or empty means every method.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>HTTP: the route template below the route prefix; null means the function's name.</summary>
    public string? Route { get; init; }

    public string? QueueName { get; init; }

    /// <summary>The app setting that holds the storage connection; null means <c>AzureWebJobsStorage</c>.</summary>
    public string? Connection { get; init; }

    /// <summary>Timer: an NCRONTAB expression, a TimeSpan, or a <c>%Setting%</c> reference to one.</summary>
    public string? Schedule { get; init; }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}

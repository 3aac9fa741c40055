using System.Text.Json;

namespace ContactSpace.Simulator.Seed;

/// <summary>Reads the seed file named by <c>Simulator:SeedFile</c>, or falls back to the built-in account.</summary>
public static class SeedLoader
{
    private static readonly JsonSerializerOptions _jsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SimulatorSeed Load(string? seedFile, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(seedFile))
        {
            return DefaultSeed.Create();
        }

        var path = Path.IsPathRooted(seedFile) ? seedFile : Path.Combine(contentRoot, seedFile);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Simulator:SeedFile '{path}' does not exist.");
        }

        try
        {
            return JsonSerializer.Deserialize<SimulatorSeed>(File.ReadAllText(path), _jsonOptions)
                ?? throw new InvalidOperationException($"Simulator:SeedFile '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Simulator:SeedFile '{path}' is not a valid seed: {ex.Message}", ex);
        }
    }
}

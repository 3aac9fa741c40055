using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>The simulator's test endpoints: faults on demand, the records it holds and the calls it received.</summary>
internal sealed class SimulatorControl(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task InjectAsync(FaultSpec fault, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), fault.ToJson(), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(new Uri("_sim/faults", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Lead number → how many records of the initiative carry that lead's marker.</summary>
    public async Task<IReadOnlyDictionary<int, int>> RecordCountsAsync(string runId, long initiativeId, CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri($"_sim/records?initiativeId={initiativeId}", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(text);
        var counts = new Dictionary<int, int>();
        foreach (var record in Items(json.RootElement))
        {
            // One record names one lead; the marker is the e-mail field, found without relying on the JSON's shape.
            var numbers = Strings(record).SelectMany(s => LeadMarker.FindAll(runId, s)).Distinct();
            foreach (var number in numbers)
            {
                counts[number] = counts.GetValueOrDefault(number) + 1;
            }
        }

        return counts;
    }

    /// <summary>Calls received per function name (InsertRecord, SearchRecord…).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CallCountsAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri("_sim/calls", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(text);
        return Items(json.RootElement)
            .Select(call => call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) ? f.GetString() ?? "?" : "?")
            .GroupBy(name => name)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The list in an answer that is either a bare array or an object with one array property.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object => root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).SelectMany(p => p.Value.EnumerateArray()),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

/// <summary>
/// One fault rule for <c>POST /_sim/faults</c>: a kind, scoped to a fraction of one function's calls. Each rule
/// draws from its own seed, so two rules on the same calls do not fire in lockstep.
/// </summary>
internal sealed record FaultSpec(string Kind, double Fraction, string Function, TimeSpan? Latency = null)
{
    private static int _seed = 7;

    public static FaultSpec OnInserts(string kind, double fraction, TimeSpan? latency = null) =>
        new(kind, fraction, "InsertRecord", latency);

    public Dictionary<string, object> ToJson()
    {
        var json = new Dictionary<string, object>
        {
            ["kind"] = Kind,
            ["fraction"] = Fraction,
            ["function"] = Function,
            ["seed"] = Interlocked.Increment(ref _seed),
        };
        if (Latency is { } latency)
        {
            json["milliseconds"] = (int)latency.TotalMilliseconds;
        }

        return json;
    }

    public override string ToString() =>
        $"{Kind} on {Fraction:P0} of {Function}{(Latency is { } l ? $" ({l.TotalMilliseconds} ms)" : "")}";
}

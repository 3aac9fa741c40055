using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ContactSpace.Bridge.Polling.Tests;

/// <summary>
/// Counts the storage requests the table client sends, by kind. Each request is one billed table transaction
/// (an entity-group batch included), so these are the figures to check "no write when nothing changed" against.
/// </summary>
public sealed class TableRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    /// <summary>Batches, inserts, updates and deletes (everything but GET).</summary>
    public int Writes => _counts.Where(p => p.Key != "GET").Sum(p => p.Value);

    public int Batches => _counts.GetValueOrDefault("BATCH");

    public void Reset() => _counts.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var kind = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) ? "BATCH" : message.Request.Method.Method;
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }
}

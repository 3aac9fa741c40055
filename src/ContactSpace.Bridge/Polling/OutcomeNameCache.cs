using System.Collections.Concurrent;
using ContactSpace.Client;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// Outcome names per initiative from GetOutcome, kept for <see cref="CallOutcomePollingOptions.OutcomeNamesCacheDuration"/>.
/// An id missing from a list older than a minute triggers one early re-read (an outcome added in contactSPACE).
/// </summary>
public sealed class OutcomeNameCache(ContactSpaceClient client, TimeProvider time, IOptions<PollingOptions> options)
{
    private static readonly TimeSpan _minimumRefreshGap = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _loads = new();

    public async Task<string?> GetNameAsync(long initiativeId, long outcomeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(initiativeId, out var entry) && IsUsable(entry, outcomeId, now))
        {
            return entry.Names.GetValueOrDefault(outcomeId);
        }

        var gate = _loads.GetOrAdd(initiativeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have loaded it while this one waited.
            if (_entries.TryGetValue(initiativeId, out entry) && IsUsable(entry, outcomeId, time.GetUtcNow()))
            {
                return entry.Names.GetValueOrDefault(outcomeId);
            }

            var outcomes = await client.GetOutcomeAsync(initiativeId, cancellationToken).ConfigureAwait(false);
            entry = new Entry(outcomes.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.First().Name), time.GetUtcNow());
            _entries[initiativeId] = entry;
            return entry.Names.GetValueOrDefault(outcomeId);
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsUsable(Entry entry, long outcomeId, DateTimeOffset now)
    {
        var age = now - entry.LoadedAt;
        if (age >= options.Value.Outcomes.OutcomeNamesCacheDuration)
        {
            return false;
        }

        return entry.Names.ContainsKey(outcomeId) || age < _minimumRefreshGap;
    }

    private sealed record Entry(IReadOnlyDictionary<long, string> Names, DateTimeOffset LoadedAt);
}

using System.Collections.Concurrent;
using System.Globalization;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// One lead as its sender saw it: the unique marker that finds its record again, the idempotency key every
/// post of it carries, and the answer to each post.
/// </summary>
internal sealed class SentLead(int number, string runId, string route, string scenario)
{
    private readonly ConcurrentQueue<int> _statuses = new();
    private int _posts;
    private int _transportFailures;

    public int Number { get; } = number;

    public string Route { get; } = route;

    public string Scenario { get; } = scenario;

    /// <summary>The lead's e-mail address: unique per lead and per run, so a record names the lead it came from.</summary>
    public string Marker { get; } = LeadMarker.For(runId, number);

    public string IdempotencyKey { get; } = $"{runId}-{number.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>The bridge's lead id from a 2xx answer, for reading its logs and status.</summary>
    public string? LeadId { get; set; }

    public IReadOnlyCollection<int> Statuses => _statuses;

    public int Posts => _posts;

    public int TransportFailures => _transportFailures;

    public bool Acknowledged => _statuses.Any(s => s is >= 200 and < 300);

    /// <summary>A 4xx other than 409/429: the bridge refused the lead for good and the sender stops.</summary>
    public bool Rejected => !Acknowledged && _statuses.Any(IsFinalRefusal);

    public static bool IsFinalRefusal(int status) => status is >= 400 and < 500 and not 408 and not 409 and not 429;

    public void RecordAnswer(int status)
    {
        Interlocked.Increment(ref _posts);
        _statuses.Enqueue(status);
    }

    public void RecordTransportFailure()
    {
        Interlocked.Increment(ref _posts);
        Interlocked.Increment(ref _transportFailures);
    }
}

/// <summary>The marker format, shared by the sender and the matching of records and dead letters.</summary>
internal static class LeadMarker
{
    public const string Domain = "reliability.example";

    public static string For(string runId, int number) =>
        $"lead{number.ToString("D6", CultureInfo.InvariantCulture)}.{runId}@{Domain}";

    /// <summary>The lead numbers of a run named anywhere in <paramref name="text"/> (a record field, a dead letter's JSON).</summary>
    public static IEnumerable<int> FindAll(string runId, string text)
    {
        var suffix = $".{runId}@{Domain}";
        for (var at = text.IndexOf(suffix, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(suffix, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at >= 10 && text.AsSpan(at - 10, 4).Equals("lead", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text.AsSpan(at - 6, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                yield return number;
            }
        }
    }
}

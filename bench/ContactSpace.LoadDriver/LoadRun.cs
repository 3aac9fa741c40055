using System.Diagnostics;

namespace ContactSpace.LoadDriver;

/// <summary>
/// Runs one lead's work <c>count</c> times with a fixed number of concurrent workers and records each latency;
/// stops issuing new work at the deadline, so a slow flow cannot hold the run.
/// </summary>
internal static class LoadRun
{
    /// <param name="lead">One lead's work; returns its outcome (the HTTP status, 0 when no answer came).</param>
    public static async Task<LoadResult> RunAsync(int count, int concurrency, TimeSpan deadline, Func<int, CancellationToken, Task<int>> lead, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var outcomes = new int[count];
        var next = -1;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count && watch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                outcomes[index] = await lead(index, cancellationToken);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        watch.Stop();
        var done = Math.Min(count, next);
        var measured = latencies.Take(done).Order().ToArray();
        var tally = outcomes.Take(done).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        return new LoadResult(done, tally, watch.Elapsed, Percentile(measured, 0.50), Percentile(measured, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Throughput and latency of one measured stretch.</summary>
internal sealed record LoadResult(int Leads, IReadOnlyDictionary<int, int> Outcomes, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double PerSecond => Leads / Elapsed.TotalSeconds;

    public string DescribeOutcomes() => string.Join(" ", Outcomes.OrderBy(o => o.Key).Select(o => $"{(o.Key == 0 ? "no answer" : o.Key)}×{o.Value}"));
}

using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// When a failed lead is tried again: exponential back-off with jitter from <see cref="RetryOptions"/>, never sooner
/// than contactSPACE's Retry-After, and no more retries once <see cref="RetryOptions.GiveUpAfter"/> has passed since
/// the first failure (so the attempts always span at least that long).
/// </summary>
public sealed class RetrySchedule(IOptions<DeliveryOptions> options, Func<double>? random = null)
{
    private static readonly TimeSpan _longestInvisibility = TimeSpan.FromDays(7);
    private readonly RetryOptions _retry = options.Value.Retry;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <param name="failedAttempts">How many attempts have failed so far (1 after the first failure).</param>
    /// <param name="firstFailureAt">When the first attempt failed.</param>
    /// <param name="now">Now.</param>
    /// <param name="retryAfter">The wait contactSPACE asked for, if any.</param>
    /// <returns>The delay before the next attempt, or null to give up.</returns>
    public TimeSpan? NextDelay(int failedAttempts, DateTimeOffset firstFailureAt, DateTimeOffset now, TimeSpan? retryAfter)
    {
        if (now - firstFailureAt >= _retry.GiveUpAfter)
        {
            return null;
        }

        var exponent = Math.Max(0, failedAttempts - 1);
        var baseSeconds = Math.Min(
            _retry.InitialDelay.TotalSeconds * Math.Pow(_retry.Multiplier, exponent),
            _retry.MaxDelay.TotalSeconds);
        var delay = TimeSpan.FromSeconds(baseSeconds * (1 - (_retry.Jitter * _random())));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return delay > _longestInvisibility ? _longestInvisibility : delay;
    }
}

using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ContactSpace.Client.Transport;

/// <summary>
/// The one call budget every contactSPACE call in the process draws from (a singleton): a token bucket of
/// <see cref="ContactSpaceClientOptions.MaxRequestsPerSecond"/> tokens refilled every second. Callers over the budget wait in line.
/// </summary>
internal sealed class ContactSpaceRateLimit : IDisposable
{
    private const int QueueLimit = 100_000;

    public ContactSpaceRateLimit(IOptions<ContactSpaceClientOptions> options)
        : this(options.Value.MaxRequestsPerSecond, TimeSpan.FromSeconds(1), autoReplenish: true)
    {
    }

    /// <summary>
    /// With <paramref name="autoReplenish"/> false the bucket refills only on <see cref="Replenish"/> (by the time elapsed
    /// since the last refill, in whole periods): tests use a tiny period so one call refills the bucket, and count permits.
    /// </summary>
    internal ContactSpaceRateLimit(int requestsPerPeriod, TimeSpan period, bool autoReplenish)
    {
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerPeriod,
            TokensPerPeriod = requestsPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = autoReplenish,
        });
    }

    internal TokenBucketRateLimiter Limiter { get; }

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
        => Limiter.AcquireAsync(1, cancellationToken);

    internal bool Replenish() => Limiter.TryReplenish();

    public void Dispose() => Limiter.Dispose();
}

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
        : this(options.Value.MaxRequestsPerSecond, autoReplenish: true)
    {
    }

    /// <summary>With <paramref name="autoReplenish"/> false the bucket refills only on <see cref="Replenish"/>: tests count permits without a clock.</summary>
    internal ContactSpaceRateLimit(int requestsPerSecond, bool autoReplenish)
    {
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerSecond,
            TokensPerPeriod = requestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
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

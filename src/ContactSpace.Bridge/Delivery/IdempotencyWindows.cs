using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// The idempotency window of a route: <c>Bridge:Routes:{route}:IdempotencyWindow</c> when set, else
/// <see cref="DeliveryOptions.IdempotencyWindow"/>. Read from configuration on each use, so a reloaded route applies.
/// </summary>
internal sealed class IdempotencyWindows(IConfiguration configuration, IOptions<DeliveryOptions> options)
{
    public TimeSpan For(string route)
    {
        var configured = configuration.GetSection("Bridge:Routes").GetSection(route).GetValue<TimeSpan?>("IdempotencyWindow");
        return configured is { } window && window > TimeSpan.Zero ? window : options.Value.IdempotencyWindow;
    }
}

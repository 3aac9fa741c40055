namespace ContactSpace.Client.Transport;

/// <summary>
/// Takes a permit from the shared budget for every attempt that goes on the wire (retries included), then marks the
/// request as sent so the transport can tell "refused before sending" from "cancelled in flight".
/// </summary>
internal sealed class RateLimitingHandler(ContactSpaceRateLimit rateLimit) : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<bool> SentKey = new("ContactSpace.Sent");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await rateLimit.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new RateLimitQueueFullException();
        }

        request.Options.Set(SentKey, true);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The shared budget's waiting line is full: the call was not sent.</summary>
internal sealed class RateLimitQueueFullException : Exception
{
    public RateLimitQueueFullException()
        : base("The contactSPACE call budget's waiting line is full.")
    {
    }

    public RateLimitQueueFullException(string message)
        : base(message)
    {
    }

    public RateLimitQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.ComponentModel.DataAnnotations;
using ContactSpace.Bridge.Storage;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>Idempotency, delivery budget, retries and retention (<c>Bridge:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Bridge:Delivery";

    /// <summary>How long a post may wait for contactSPACE before it is queued instead (senders give up after 10–15 s).</summary>
    public TimeSpan SyncBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one queued attempt may take before it counts as an ambiguous failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A lead still marked as being delivered after this long was abandoned (its process died): a repeat of the post,
    /// or a queue message, may take it over. Must exceed the sync budget plus a few storage round trips.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a repeat of the same post is recognised when the route sets no <c>IdempotencyWindow</c>.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the original post and the mapped fields of a delivered lead are kept.</summary>
    public TimeSpan PersonalDataRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>What a sender is told to wait (Retry-After) when storage is unreachable.</summary>
    public TimeSpan StorageRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The storage clients' per-request network timeout.</summary>
    public TimeSpan StorageNetworkTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The storage clients' retries per request (kept low: a down account must be noticed quickly).</summary>
    [Range(0, 5)]
    public int StorageMaxRetries { get; set; } = 2;

    public RetryOptions Retry { get; init; } = new();

    internal StorageClientTimeouts StorageTimeouts => new()
    {
        MaxRetries = StorageMaxRetries,
        NetworkTimeout = StorageNetworkTimeout,
    };
}

/// <summary>Back-off of queued delivery (<c>Bridge:Delivery:Retry</c>): exponential with jitter, over days.</summary>
public sealed class RetryOptions
{
    /// <summary>The delay before the first retry (jitter only shortens it).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Each delay is the previous one times this.</summary>
    [Range(1.0, 10.0)]
    public double Multiplier { get; set; } = 2.0;

    /// <summary>The longest delay between two attempts (at most 7 days: a queue message's longest invisibility).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A lead is dead-lettered once this long has passed since its first failure.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Up to this fraction of each delay is taken off at random, so retries of many leads spread out.</summary>
    [Range(0.0, 0.9)]
    public double Jitter { get; set; } = 0.25;
}

/// <summary>Checks the relations between settings that data annotations cannot express.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    private static readonly TimeSpan _maxVisibility = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.SyncBudget), options.SyncBudget);
        RequirePositive(failures, nameof(options.AttemptTimeout), options.AttemptTimeout);
        RequirePositive(failures, nameof(options.IdempotencyWindow), options.IdempotencyWindow);
        RequirePositive(failures, nameof(options.PersonalDataRetention), options.PersonalDataRetention);
        RequirePositive(failures, nameof(options.StorageRetryAfter), options.StorageRetryAfter);
        RequirePositive(failures, nameof(options.StorageNetworkTimeout), options.StorageNetworkTimeout);
        if (options.InFlightTimeout <= options.SyncBudget)
        {
            failures.Add($"{nameof(options.InFlightTimeout)} must be longer than {nameof(options.SyncBudget)}.");
        }

        var retry = options.Retry;
        RequirePositive(failures, "Retry:InitialDelay", retry.InitialDelay);
        if (retry.MaxDelay < retry.InitialDelay || retry.MaxDelay > _maxVisibility)
        {
            failures.Add("Retry:MaxDelay must be between Retry:InitialDelay and 7 days.");
        }

        if (retry.GiveUpAfter < retry.InitialDelay)
        {
            failures.Add("Retry:GiveUpAfter must be at least Retry:InitialDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}

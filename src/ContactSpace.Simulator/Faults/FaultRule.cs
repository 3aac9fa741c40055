namespace ContactSpace.Simulator.Faults;

/// <summary>
/// A fault to inject. Scope: only <see cref="Function"/> when set; the next <see cref="Count"/> matching calls
/// when set; a <see cref="Fraction"/> of matching calls when set (both: a fraction, up to the count);
/// neither: every matching call until cleared.
/// </summary>
public sealed record FaultRule
{
    public FaultKind Kind { get; init; }

    public string? Function { get; init; }

    public int? Count { get; init; }

    public double? Fraction { get; init; }

    /// <summary>Latency's delay.</summary>
    public int? Milliseconds { get; init; }

    /// <summary>Http429's Retry-After, in seconds (1 when not given).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>ErrorMessage's text.</summary>
    public string? Message { get; init; }

    /// <summary>Seed of this rule's random draw; the simulator's <c>FaultRandomSeed</c> when not given.</summary>
    public int? Seed { get; init; }

    /// <summary>The reason the rule cannot be used, or null when it can.</summary>
    public string? Problem() => this switch
    {
        { Count: <= 0 } => "count must be 1 or more",
        { Fraction: < 0 or > 1 } => "fraction must be between 0 and 1",
        { Fraction: double.NaN } => "fraction must be between 0 and 1",
        { Kind: FaultKind.Latency, Milliseconds: null or < 0 } => "latency needs milliseconds (0 or more)",
        { RetryAfterSeconds: < 0 } => "retryAfterSeconds must be 0 or more",
        { Kind: FaultKind.ErrorMessage, Message: null or "" } => "errorMessage needs a message",
        _ when !Enum.IsDefined(Kind) => "unknown kind",
        _ => null,
    };
}

/// <summary>A rule in force, with what is left of its count.</summary>
public sealed record ActiveFault(long Id, FaultRule Rule, int? Remaining, int Fired);

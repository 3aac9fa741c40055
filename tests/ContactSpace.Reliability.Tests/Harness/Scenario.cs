namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>Process-level trouble injected while a scenario's leads are being posted.</summary>
[Flags]
internal enum Disruption
{
    None = 0,

    /// <summary>Azurite stopped (gracefully) and restarted on the same on-disk location.</summary>
    StorageOutage = 1,

    /// <summary>The DevHost SIGKILLed and started again.</summary>
    DevHostKill = 2,
}

/// <summary>
/// One stretch of the run: a share of the leads, posted while the simulator injects <see cref="Faults"/> and the
/// <see cref="Disruption"/> happens. <see cref="BrokenShare"/> of them go to the route contactSPACE refuses for good.
/// </summary>
internal sealed record Scenario(string Name, double Share, IReadOnlyList<FaultSpec> Faults, Disruption Disruption = Disruption.None, double BrokenShare = 0)
{
    private static readonly TimeSpan _slow = TimeSpan.FromSeconds(3);

    /// <summary>Each fault in turn, then all of them together.</summary>
    public static IReadOnlyList<Scenario> Plan { get; } =
    [
        new("no faults", 0.10, []),
        new("contactSPACE 5xx and 429", 0.12, [FaultSpec.OnInserts("http500", 0.15), FaultSpec.OnInserts("http503", 0.10), FaultSpec.OnInserts("http429", 0.10)]),
        new("answers slower than the sync budget", 0.10, [FaultSpec.OnInserts("latency", 0.30, _slow)]),
        new("connection dropped after the insert landed", 0.12, [FaultSpec.OnInserts("dropAfterApply", 0.30)]),
        new("malformed XML answers", 0.10, [FaultSpec.OnInserts("malformedXml", 0.25)]),
        new("permanent errors (field the initiative lacks)", 0.08, [], BrokenShare: 1.0),
        new("storage unreachable, Azurite restarted", 0.12, [], Disruption.StorageOutage),
        new("DevHost SIGKILLed mid-delivery", 0.12, [FaultSpec.OnInserts("latency", 0.30, _slow), FaultSpec.OnInserts("dropAfterApply", 0.15)], Disruption.DevHostKill),
        new(
            "everything together",
            0.14,
            [
                FaultSpec.OnInserts("http500", 0.05), FaultSpec.OnInserts("http503", 0.05), FaultSpec.OnInserts("http429", 0.05),
                FaultSpec.OnInserts("latency", 0.10, _slow), FaultSpec.OnInserts("dropAfterApply", 0.10), FaultSpec.OnInserts("malformedXml", 0.05),
            ],
            Disruption.StorageOutage | Disruption.DevHostKill,
            BrokenShare: 0.05),
    ];

    /// <summary>Every 20th lead is posted twice at once; every 25th again after its first answer (same key).</summary>
    public static bool PostedTwiceAtOnce(int number) => number % 20 == 3;

    public static bool PostedAgainLater(int number) => number % 25 == 11;
}

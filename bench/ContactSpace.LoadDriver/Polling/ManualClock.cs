namespace ContactSpace.LoadDriver.Polling;

/// <summary>A clock the scenario moves by hand: one polling cycle is one simulated minute.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}

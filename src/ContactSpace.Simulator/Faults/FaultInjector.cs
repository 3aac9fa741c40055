namespace ContactSpace.Simulator.Faults;

/// <summary>
/// The faults in force. Each call asks <see cref="Next"/> once; the first rule that matches and fires is used.
/// Fraction rules draw from their own seeded <see cref="Random"/>, so a run of calls repeats exactly.
/// </summary>
public sealed class FaultInjector(int defaultSeed)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private long _nextId = 1;

    /// <exception cref="ArgumentException">The rule cannot be used.</exception>
    public ActiveFault Add(FaultRule rule)
    {
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        lock (_gate)
        {
            var entry = new Entry(_nextId++, rule, new Random(rule.Seed ?? defaultSeed)) { Remaining = rule.Count };
            _entries.Add(entry);
            return entry.Snapshot();
        }
    }

    public IReadOnlyList<ActiveFault> Active()
    {
        lock (_gate)
        {
            return _entries.Select(e => e.Snapshot()).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>The fault to apply to a call of <paramref name="function"/>, or null; consumes a count when one fires.</summary>
    public FaultRule? Next(string function)
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (entry.Rule.Function is { } only && !string.Equals(only, function, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (entry.Rule.Fraction is { } fraction && entry.Random.NextDouble() >= fraction)
                {
                    continue;
                }

                entry.Fired++;
                if (entry.Remaining is not null && --entry.Remaining == 0)
                {
                    _entries.Remove(entry);
                }

                return entry.Rule;
            }

            return null;
        }
    }

    private sealed class Entry(long id, FaultRule rule, Random random)
    {
        public long Id { get; } = id;

        public FaultRule Rule { get; } = rule;

        public Random Random { get; } = random;

        public int? Remaining { get; set; }

        public int Fired { get; set; }

        public ActiveFault Snapshot() => new(Id, Rule, Remaining, Fired);
    }
}

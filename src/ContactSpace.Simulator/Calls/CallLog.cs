namespace ContactSpace.Simulator.Calls;

/// <summary>
/// One API call as the simulator saw it. The api key is never kept: it shows as <c>***</c>.
/// <see cref="Status"/> is null when no answer was sent (hang, drop).
/// </summary>
public sealed record RecordedCall(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Function,
    IReadOnlyDictionary<string, string> Parameters,
    int? Status,
    string? Fault,
    string? Message);

/// <summary>
/// Every API call, in arrival order, for tests and operators to inspect. Holds the latest
/// <c>capacity</c> calls so a long load run cannot exhaust memory; sequence numbers show what was dropped.
/// </summary>
public sealed class CallLog(int capacity)
{
    public const string RedactedValue = "***";

    private readonly Lock _gate = new();
    private readonly Queue<RecordedCall> _calls = new();
    private long _sequence;

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    public RecordedCall Add(
        DateTimeOffset time, string method, string path, string function,
        IReadOnlyDictionary<string, string> parameters, int? status, string? fault, string? message)
    {
        lock (_gate)
        {
            var call = new RecordedCall(++_sequence, time, method, path, function, Redact(parameters), status, fault, message);
            _calls.Enqueue(call);
            while (_calls.Count > capacity)
            {
                _calls.Dequeue();
            }

            return call;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    private static Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> parameters)
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters)
        {
            copy[name] = string.Equals(name, "apikey", StringComparison.OrdinalIgnoreCase) ? RedactedValue : value;
        }

        return copy;
    }
}

using System.Globalization;
using NCrontab;

namespace ContactSpace.Bridge.DevHost.Timers;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: a <c>%Setting%</c> reference is resolved from
/// configuration first; then a 6-field NCRONTAB expression (with seconds; 5 fields are taken too) or a TimeSpan
/// (<c>hh:mm:ss</c>, a fixed interval). Occurrences are in UTC, the host's default.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan? _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan? interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    /// <summary>The resolved expression.</summary>
    public string Expression { get; }

    public static TimerSchedule Parse(string schedule, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        var expression = Resolve(schedule.Trim(), configuration);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 1 && TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(expression, null, interval);
        }

        if (fields.Length is not (5 or 6))
        {
            throw new FormatException($"'{expression}' is neither a 6-field NCRONTAB expression nor a TimeSpan.");
        }

        try
        {
            var cron = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 });
            return new TimerSchedule(expression, cron, null);
        }
        catch (CrontabException e)
        {
            throw new FormatException($"'{expression}' is not a valid NCRONTAB expression: {e.Message}", e);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        if (_interval is { } interval)
        {
            return after + interval;
        }

        var next = _cron!.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    public override string ToString() => Expression;

    private static string Resolve(string schedule, IConfiguration configuration)
    {
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var name = schedule[1..^1];
            var value = configuration[name];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"The timer schedule refers to the app setting '{name}', which is not set.")
                : value.Trim();
        }

        return schedule;
    }
}

using ContactSpace.Bridge.DevHost.Invocation;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.DevHost.Timers;

/// <summary>
/// A timer trigger: runs the function at each occurrence of its schedule, one run at a time (a run that overruns
/// delays the next instead of overlapping it). An occurrence missed that way is run once, late, with
/// <see cref="TimerInfo.IsPastDue"/> set, as the host does after downtime; further missed ones are skipped.
/// No run on start-up.
/// </summary>
public sealed partial class TimerTriggerScheduler(
    FunctionInvoker invoker,
    TimerSchedule schedule,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    /// <summary>How late a run may start and still count as on time.</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);

    public string FunctionName => invoker.Function.Name;

    public TimerSchedule Schedule => schedule;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = schedule.GetNextOccurrence(time.GetUtcNow());
        DateTimeOffset? last = null;
        LogScheduled(logger, FunctionName, schedule.Expression, next);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = time.GetUtcNow();
            var following = schedule.GetNextOccurrence(now);
            var info = new TimerInfo
            {
                // Started well after its time: an earlier run overran this occurrence.
                IsPastDue = now - next > PastDueTolerance,
                ScheduleStatus = new ScheduleStatus { Last = (last ?? default).UtcDateTime, Next = following.UtcDateTime, LastUpdated = now.UtcDateTime },
            };
            await RunAsync(info, stoppingToken);
            last = next;
            next = following;
        }
    }

    /// <summary>Runs the function once now (also what each occurrence does).</summary>
    public async Task RunAsync(TimerInfo info, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(new FunctionCall(scope.ServiceProvider, cancellationToken) { TriggerValue = info });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed run is logged and the schedule goes on, as on the host.
            LogRunFailed(logger, FunctionName, e);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Timer trigger {FunctionName} runs on '{Schedule}'; first at {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string functionName, string schedule, DateTimeOffset next);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Timer function {FunctionName} failed")]
    private static partial void LogRunFailed(ILogger logger, string functionName, Exception exception);
}

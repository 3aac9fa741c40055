using System.Collections.Concurrent;
using ContactSpace.Bridge.DevHost.Invocation;
using ContactSpace.Bridge.DevHost.Metadata;
using ContactSpace.Bridge.DevHost.Timers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Bridge.Functions.Tests;

public class TimerScheduleTests
{
    private static readonly IConfiguration _settings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["EveryFiveMinutes"] = "0 */5 * * * *" })
        .Build();

    private static readonly DateTimeOffset _noon = new(2026, 12, 3, 12, 1, 0, TimeSpan.Zero);

    [Fact]
    public void A_setting_reference_is_resolved_and_read_as_six_field_ncrontab()
    {
        var schedule = TimerSchedule.Parse("%EveryFiveMinutes%", _settings);

        Assert.Equal("0 */5 * * * *", schedule.Expression);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 5, 0, TimeSpan.Zero), schedule.GetNextOccurrence(_noon));
    }

    [Fact]
    public void Seconds_are_honoured()
        => Assert.Equal(_noon.AddSeconds(30), TimerSchedule.Parse("30 * * * * *", _settings).GetNextOccurrence(_noon));

    [Fact]
    public void A_timespan_is_a_fixed_interval()
        => Assert.Equal(_noon.AddSeconds(45), TimerSchedule.Parse("00:00:45", _settings).GetNextOccurrence(_noon));

    [Fact]
    public void A_missing_setting_stops_the_start()
        => Assert.Contains("NoSuchSetting", Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse("%NoSuchSetting%", _settings)).Message);

    [Theory]
    [InlineData("every minute")]
    [InlineData("0 99 * * * *")]
    public void A_bad_expression_is_refused(string expression)
        => Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression, _settings));

    [Fact]
    public void The_local_defaults_give_every_timer_function_a_valid_schedule()
    {
        var configuration = DevHost.DevHostApplication.CreateBuilder([], loadLocalSettings: false).Configuration;
        var catalog = FunctionMetadataCatalog.Load(Path.Combine(AppContext.BaseDirectory, FunctionMetadataCatalog.FileName));
        var timers = catalog.Functions.Where(f => f.Trigger.IsType(BindingDescriptor.TimerTrigger)).ToList();

        Assert.NotEmpty(timers);
        foreach (var timer in timers)
        {
            var schedule = TimerSchedule.Parse(timer.Trigger.Schedule!, configuration);
            Assert.True(schedule.GetNextOccurrence(_noon) > _noon);
        }
    }
}

public class TimerTriggerSchedulerTests
{
    [Fact]
    public async Task Runs_on_each_occurrence_one_at_a_time_and_marks_a_late_run_past_due()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, 500, TimeSpan.Zero));
        var key = Guid.NewGuid().ToString("N");
        using var probe = BlockingTimerFunction.Register(key);
        using var services = new ServiceCollection().AddSingleton(probe).BuildServiceProvider();
        var function = new FunctionDescriptor
        {
            Name = key,
            ScriptFile = "ContactSpace.Bridge.Functions.Tests.dll",
            EntryPoint = typeof(BlockingTimerFunction).FullName + "." + nameof(BlockingTimerFunction.Run),
            Bindings = [new BindingDescriptor { Name = "timer", Type = BindingDescriptor.TimerTrigger, Schedule = "0 * * * * *" }],
        };
        using var scheduler = new TimerTriggerScheduler(
            new FunctionInvoker(function),
            TimerSchedule.Parse("0 * * * * *", new ConfigurationBuilder().Build()),
            services.GetRequiredService<IServiceScopeFactory>(),
            time,
            NullLogger<TimerTriggerScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);

        // No run at start-up; the first occurrence is 12:01:00.
        await Task.Delay(100);
        Assert.Empty(probe.Runs);
        await AdvanceUntil(time, TimeSpan.FromSeconds(60), () => probe.Runs.Count == 1);
        Assert.False(probe.Runs.Single().IsPastDue);

        // The first run overruns the next two occurrences: nothing overlaps it.
        time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(200);
        Assert.Single(probe.Runs);

        // Released at 12:03:00.5: the missed 12:02 occurrence runs once, late, past due; 12:03 is skipped.
        probe.ReleaseOne();
        await WaitFor(() => probe.Runs.Count == 2);
        Assert.True(probe.Runs.Last().IsPastDue);
        Assert.Equal(1, probe.MaxConcurrent);

        probe.ReleaseAll();
        await scheduler.StopAsync(CancellationToken.None);
    }

    private static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan step, Func<bool> condition)
    {
        time.Advance(step);
        await WaitFor(condition);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}

/// <summary>A timer function that records each run and holds it until the test releases it.</summary>
public sealed class BlockingTimerFunction(BlockingTimerFunction.Probe probe)
{
    public static Probe Register(string key) => new(key);

    public async Task Run(TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await probe.EnterAsync(timer, cancellationToken);
    }

    public sealed class Probe(string key) : IDisposable
    {
        private readonly ConcurrentQueue<TimerInfo> _runs = new();
        private readonly SemaphoreSlim _release = new(0);
        private int _running;
        private int _maxConcurrent;

        public string Key => key;

        public IReadOnlyCollection<TimerInfo> Runs => _runs;

        public int MaxConcurrent => _maxConcurrent;

        public void ReleaseOne() => _release.Release();

        public void ReleaseAll() => _release.Release(100);

        public void Dispose() => _release.Dispose();

        public async Task EnterAsync(TimerInfo timer, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxConcurrent, running);
            _runs.Enqueue(timer);
            try
            {
                await _release.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Bridge.Delivery.Tests;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void The_default_schedule_retries_within_30_s_doubles_and_spans_at_least_72_h(double draw)
    {
        var schedule = new RetrySchedule(Options.Create(new DeliveryOptions()), () => draw);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var firstFailure = time.GetUtcNow();
        var delays = new List<TimeSpan>();

        for (var failed = 1; failed < 10_000; failed++)
        {
            var delay = schedule.NextDelay(failed, firstFailure, time.GetUtcNow(), retryAfter: null);
            if (delay is null)
            {
                break;
            }

            delays.Add(delay.Value);
            time.Advance(delay.Value);
        }

        Assert.InRange(delays[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.True(time.GetUtcNow() - firstFailure >= TimeSpan.FromHours(72));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(1), TimeSpan.FromHours(2)));

        // Roughly doubling until the cap: each base delay is twice the previous (jitter takes the same share of each).
        Assert.Equal(delays[1].TotalSeconds, delays[0].TotalSeconds * 2, precision: 6);
        Assert.Equal(delays[2].TotalSeconds, delays[1].TotalSeconds * 2, precision: 6);

        // Within a practical number of attempts (one contactSPACE call each).
        Assert.InRange(delays.Count, 10, 60);
    }

    [Fact]
    public void Jitter_only_shortens_a_delay_and_spreads_retries_of_many_leads()
    {
        var random = new Random(42);
        var schedule = new RetrySchedule(Options.Create(new DeliveryOptions()), random.NextDouble);
        var now = DateTimeOffset.UnixEpoch;

        var firstRetries = Enumerable.Range(0, 200).Select(_ => schedule.NextDelay(1, now, now, null)!.Value).ToList();

        Assert.All(firstRetries, d => Assert.InRange(d, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)));
        Assert.True(firstRetries.Distinct().Count() > 100);
    }

    [Fact]
    public void Retry_after_from_contactspace_is_honoured_but_never_past_seven_days()
    {
        var schedule = new RetrySchedule(Options.Create(new DeliveryOptions()), () => 0);
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(TimeSpan.FromMinutes(10), schedule.NextDelay(1, now, now, TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromDays(7), schedule.NextDelay(1, now, now, TimeSpan.FromDays(30)));
        Assert.Equal(TimeSpan.FromSeconds(20), schedule.NextDelay(1, now, now, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_schedule_follows_configuration()
    {
        var options = new DeliveryOptions
        {
            Retry = { InitialDelay = TimeSpan.FromSeconds(5), Multiplier = 3, MaxDelay = TimeSpan.FromMinutes(1), GiveUpAfter = TimeSpan.FromHours(1), Jitter = 0 },
        };
        var schedule = new RetrySchedule(Options.Create(options));
        var start = DateTimeOffset.UnixEpoch;

        Assert.Equal(TimeSpan.FromSeconds(5), schedule.NextDelay(1, start, start, null));
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.NextDelay(2, start, start, null));
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.NextDelay(5, start, start, null));
        Assert.Null(schedule.NextDelay(50, start, start + TimeSpan.FromHours(1), null));
    }

    [Fact]
    public void Inconsistent_settings_are_refused_at_start_up()
    {
        var validator = new DeliveryOptionsValidator();
        var options = new DeliveryOptions
        {
            SyncBudget = TimeSpan.FromSeconds(40),
            Retry = { MaxDelay = TimeSpan.FromDays(8) },
        };

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("InFlightTimeout", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxDelay", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new DeliveryOptions()).Succeeded);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ContactSpace.Client;
using NCrontab;

namespace Infra.Tests;

/// <summary>The template's default values pass the same validation the app runs at start-up.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class DefaultValueTests(CompiledTemplate template)
{
    private string Default(string parameter)
        => template.Root["parameters"]![parameter]?["defaultValue"]?.ToString()
            ?? throw new InvalidOperationException($"main.bicep has no default for {parameter}.");

    [Fact]
    public void Default_contactspace_settings_pass_the_client_options_validation()
    {
        var options = new ContactSpaceClientOptions
        {
            BaseUrl = new Uri(Default("contactSpaceBaseUrl"), UriKind.Absolute),
            BetaBaseUrl = new Uri(Default("contactSpaceBetaBaseUrl"), UriKind.Absolute),
            ApiKey = "placeholder-for-validation",
            Timeout = TimeSpan.Parse(Default("contactSpaceTimeout"), CultureInfo.InvariantCulture),
            MaxRequestsPerSecond = int.Parse(Default("contactSpaceMaxRequestsPerSecond"), CultureInfo.InvariantCulture),
        };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.True(valid, string.Join("; ", results.Select(r => r.ErrorMessage)));
    }

    [Theory]
    [InlineData("agentStatusSchedule")]
    [InlineData("callOutcomeSchedule")]
    public void Default_schedules_are_six_field_ncrontab_expressions(string parameter)
    {
        var schedule = CrontabSchedule.TryParse(Default(parameter), new CrontabSchedule.ParseOptions { IncludingSeconds = true });

        Assert.True(schedule is not null, $"{parameter} default '{Default(parameter)}' is not a 6-field NCRONTAB expression.");
    }

    [Fact]
    public void Default_account_time_zone_is_known()
    {
        Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(Default("accountTimeZone"), out _), $"Unknown time zone {Default("accountTimeZone")}.");
    }

    [Fact]
    public void Agent_status_is_polled_at_most_once_a_minute_by_default()
    {
        // FACTS.md: contactSPACE allows at most one poll a minute.
        var schedule = CrontabSchedule.Parse(Default("agentStatusSchedule"), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var runs = schedule.GetNextOccurrences(start, start.AddHours(1)).ToList();

        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMinutes(1)));
    }
}

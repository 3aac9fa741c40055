using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>Checks what data annotations cannot: positive time spans, coherent back-off, a known time zone.</summary>
internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, options.UserRefreshInterval, nameof(options.UserRefreshInterval));
        RequirePositive(failures, options.LoggedOutBackoffAfter, nameof(options.LoggedOutBackoffAfter));
        RequirePositive(failures, options.LoggedOutCheckInterval, nameof(options.LoggedOutCheckInterval));
        RequirePositive(failures, options.CycleLeaseDuration, nameof(options.CycleLeaseDuration));
        if (options.MinimumCycleGap < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.MinimumCycleGap)} must not be negative.");
        }

        var outcomes = options.Outcomes;
        RequirePositive(failures, outcomes.FirstPollAfter, "Outcomes:" + nameof(outcomes.FirstPollAfter));
        RequirePositive(failures, outcomes.Horizon, "Outcomes:" + nameof(outcomes.Horizon));
        RequirePositive(failures, outcomes.OutcomeNamesCacheDuration, "Outcomes:" + nameof(outcomes.OutcomeNamesCacheDuration));
        if (outcomes.MaxInterval < outcomes.FirstPollAfter)
        {
            failures.Add("Outcomes:MaxInterval must be at least Outcomes:FirstPollAfter.");
        }

        RequirePositive(failures, options.HotLead.MaxStatusAge, "HotLead:" + nameof(options.HotLead.MaxStatusAge));
        if (options.HotLead.Statuses.Any(string.IsNullOrWhiteSpace) || options.LoggedOutStatuses.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("HotLead:Statuses and LoggedOutStatuses must not hold empty statuses.");
        }

        if (!TryFindTimeZone(options.AccountTimeZone))
        {
            failures.Add($"{nameof(options.AccountTimeZone)} '{options.AccountTimeZone}' is not a known time zone.");
        }

        foreach (var (initiative, outcomesList) in options.FinalOutcomes)
        {
            if (initiative != "*" && !long.TryParse(initiative, out _))
            {
                failures.Add($"FinalOutcomes key '{initiative}' must be an initiative id or '*'.");
            }

            if (outcomesList.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"FinalOutcomes:{initiative} has an empty outcome.");
            }
        }

        // The secret's value is never echoed: only whether it is usable.
        if (options.PushSecret is { Length: > 0 and < 16 })
        {
            failures.Add($"{nameof(options.PushSecret)} must be at least 16 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }

    private static bool TryFindTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

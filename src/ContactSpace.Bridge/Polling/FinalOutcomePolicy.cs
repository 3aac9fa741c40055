using System.Globalization;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>Decides whether an outcome ends polling, from <see cref="PollingOptions.FinalOutcomes"/> (ids or names).</summary>
public sealed class FinalOutcomePolicy(IOptions<PollingOptions> options)
{
    public bool IsFinal(long initiativeId, long outcomeId, string? outcomeName)
    {
        var final = options.Value.FinalOutcomes;
        return Matches(final, initiativeId.ToString(CultureInfo.InvariantCulture), outcomeId, outcomeName)
            || Matches(final, "*", outcomeId, outcomeName);
    }

    private static bool Matches(IDictionary<string, IList<string>> final, string key, long outcomeId, string? outcomeName)
    {
        if (!final.TryGetValue(key, out var entries))
        {
            return false;
        }

        var id = outcomeId.ToString(CultureInfo.InvariantCulture);
        return entries.Any(entry =>
            string.Equals(entry.Trim(), id, StringComparison.Ordinal)
            || (outcomeName is not null && string.Equals(entry.Trim(), outcomeName.Trim(), StringComparison.OrdinalIgnoreCase)));
    }
}

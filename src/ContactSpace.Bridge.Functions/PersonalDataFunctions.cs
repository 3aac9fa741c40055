using ContactSpace.Bridge.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Functions;

/// <summary>
/// Removes personal data from leads delivered longer ago than <c>Bridge:Delivery:PersonalDataRetention</c>.
/// Hourly at a fixed minute: the retention is days, so the schedule needs no app setting of its own.
/// </summary>
public sealed partial class PersonalDataFunctions(PersonalDataPurger purger, ILogger<PersonalDataFunctions> logger)
{
    [Function(nameof(PurgePersonalData))]
    public async Task PurgePersonalData([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var purged = await purger.PurgeExpiredPersonalDataAsync(cancellationToken);
        LogPurged(logger, purged);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Personal data removed from {Count} delivered leads")]
    private static partial void LogPurged(ILogger logger, int count);
}

using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Removes the original post and the mapped fields from leads delivered longer ago than
/// <see cref="DeliveryOptions.PersonalDataRetention"/>. What stays (ids, route, status, times, payload hash) lets
/// repeats still be recognised and the status still be read. Called by a timer or the pollers.
/// </summary>
public sealed class PersonalDataPurger
{
    private readonly DeliveryStorage _storage;
    private readonly LeadsTable _leads;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PersonalDataPurger> _logger;

    internal PersonalDataPurger(
        DeliveryStorage storage, LeadsTable leads, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<PersonalDataPurger> logger)
    {
        _storage = storage;
        _leads = leads;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <returns>How many leads lost their personal data.</returns>
    public async Task<int> PurgeExpiredPersonalDataAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = _time.GetUtcNow() - _options.PersonalDataRetention;
        var delivered = LeadState.Delivered.ToString();
        var filter = TableClient.CreateQueryFilter($"HasPersonalData eq {true} and Status eq {delivered} and DeliveredAt lt {cutoff}");
        var purged = 0;
        await foreach (var entity in _leads.QueryAsync(filter, null, cancellationToken).ConfigureAwait(false))
        {
            var row = LeadRow.FromEntity(entity);
            row.RemovePersonalData();

            // Conditional on the ETag read: a row changed meanwhile is left for the next run.
            if (await _leads.TryReplaceAsync(row, cancellationToken).ConfigureAwait(false))
            {
                purged++;
            }
        }

        DeliveryLog.Purged(_logger, purged, _options.PersonalDataRetention);
        return purged;
    }
}

using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// <c>GET /api/agents/{userId}/history?date=YYYY-MM-DD</c> (the <c>GetAgentHistory</c> function): the status spells
/// that overlap one UTC day, oldest first. Without <c>date</c>, today.
/// </summary>
public sealed class AgentHistoryEndpoint(PollingTables tables, TimeProvider time)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var user) || user <= 0)
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, "Invalid userId.", "userId must be a positive whole number.");
        }

        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var rawDate = request.Query["date"].ToString();
        if (rawDate.Length > 0 && !DateOnly.TryParseExact(rawDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, "Invalid date.", "date must be a calendar date as YYYY-MM-DD.");
        }

        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (dayStart > now)
        {
            // A day that has not begun has no history (an open spell would otherwise seem to reach into it).
            return new OkObjectResult(new List<AgentStatusSpellView>());
        }

        var dayEnd = dayStart.AddDays(1);
        var partition = AgentStatusEntity.KeyFor(user);
        var upper = AgentStatusHistoryEntity.RowKeyFor(dayEnd);

        // Spells that started before the day's end and ended after it began (or still last).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey lt {upper} and (IsOpen eq true or EndedAt gt {dayStart})");
        var table = await tables.GetAsync(PollingTables.AgentStatusHistory).ConfigureAwait(false);
        var spells = new List<AgentStatusSpellView>();
        await foreach (var row in table.QueryAsync<AgentStatusHistoryEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var end = row.IsOpen ? null : row.EndedAt;
            var duration = (end ?? now) - row.StartedAt;
            spells.Add(new AgentStatusSpellView(row.UserId, row.Status, row.StartedAt, end, (long)Math.Max(0, duration.TotalSeconds)));
        }

        return new OkObjectResult(spells);
    }
}

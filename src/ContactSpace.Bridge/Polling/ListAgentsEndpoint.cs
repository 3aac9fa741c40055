using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Polling;

/// <summary><c>GET /api/agents</c> (the <c>ListAgents</c> function): every agent's current status, a flat JSON array.</summary>
public sealed class ListAgentsEndpoint(PollingTables tables)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = await tables.GetAsync(PollingTables.AgentStatus).ConfigureAwait(false);
        var agents = new List<AgentStatusView>();
        await foreach (var row in table.QueryAsync<AgentStatusEntity>(e => e.PartitionKey == AgentStatusEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            agents.Add(new AgentStatusView(row.UserId, row.Email, row.FirstName, row.Surname, row.Status, row.StatusSince));
        }

        return new OkObjectResult(agents.OrderBy(a => a.UserId).ToList());
    }
}

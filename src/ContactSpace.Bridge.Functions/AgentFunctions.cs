using ContactSpace.Bridge.Polling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary>Read endpoints over the agent-status tables, for Power Automate and Zapier lookups.</summary>
public sealed class AgentFunctions(ListAgentsEndpoint agents, AgentHistoryEndpoint history)
{
    [Function(nameof(ListAgents))]
    public Task<IActionResult> ListAgents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "agents")] HttpRequest request,
        CancellationToken cancellationToken)
        => agents.HandleAsync(request, cancellationToken);

    [Function(nameof(GetAgentHistory))]
    public Task<IActionResult> GetAgentHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "agents/{userId}/history")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
        => history.HandleAsync(request, userId, cancellationToken);
}

using ContactSpace.Bridge.Delivery.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary><c>GET /api/leads/{leadId}</c>: where a lead is (queued, delivered with its record id, dead-lettered) and its last call outcome.</summary>
public sealed class LeadStatusFunctions(LeadStatusEndpoint leads)
{
    [Function(nameof(GetLead))]
    public Task<IActionResult> GetLead(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads/{leadId}")] HttpRequest request,
        string leadId,
        CancellationToken cancellationToken)
        => leads.HandleAsync(request, leadId, cancellationToken);
}

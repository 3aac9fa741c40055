using ContactSpace.Bridge.Delivery;
using ContactSpace.Bridge.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary><c>GET /api/leads/{leadId}</c>: where a lead is (queued, delivered with its record id, dead-lettered) and its last call outcome.</summary>
public sealed class LeadStatusFunctions(LeadStatusService leads)
{
    [Function(nameof(GetLead))]
    public async Task<IActionResult> GetLead(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads/{leadId}")] HttpRequest request,
        string leadId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var status = await leads.GetAsync(leadId, cancellationToken);
            return status is null
                ? OpsResults.Problem(StatusCodes.Status404NotFound, "No such lead.", $"No lead has the id '{leadId}'.")
                : new OkObjectResult(status);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            return OpsResults.StorageUnavailable(request.HttpContext.Response);
        }
    }
}

using ContactSpace.Bridge.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Delivery.Http;

/// <summary><c>GET /api/leads/{leadId}</c>: where a lead is (queued, delivered with its record id, dead-lettered) and its last call outcome.</summary>
public sealed class LeadStatusEndpoint(LeadStatusService leads)
{
    public async Task<IActionResult> HandleAsync(HttpRequest request, string leadId, CancellationToken cancellationToken)
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

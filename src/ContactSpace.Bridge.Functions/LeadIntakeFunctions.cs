using ContactSpace.Bridge.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary>
/// <c>POST|OPTIONS /api/leads/{route}</c>. Anonymous at the host: each route authenticates its sender with its
/// own scheme (function key, HMAC, origin check…) inside intake, before the body is parsed.
/// </summary>
public sealed class LeadIntakeFunctions(LeadIntakeHttpHandler intake)
{
    [Function(nameof(ReceiveLead))]
    public Task<IActionResult> ReceiveLead(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "leads/{route}")] HttpRequest request,
        string route,
        CancellationToken cancellationToken)
        => intake.HandleAsync(request, route, cancellationToken);
}

using ContactSpace.Bridge.Delivery.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary>
/// Operating dead letters, with the host's master key (admin level). Under <c>ops/</c> because the host keeps
/// <c>admin/</c> for itself.
/// </summary>
public sealed class DeadLetterFunctions(DeadLetterEndpoints deadLetters)
{
    private const string Base = "ops/dead-letters";

    /// <summary><c>GET ops/dead-letters?route=&amp;reason=&amp;from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>.</summary>
    [Function(nameof(ListDeadLetters))]
    public Task<IActionResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Base)] HttpRequest request,
        CancellationToken cancellationToken)
        => deadLetters.ListAsync(request, cancellationToken);

    [Function(nameof(GetDeadLetter))]
    public Task<IActionResult> GetDeadLetter(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Base + "/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => deadLetters.GetAsync(request, id, cancellationToken);

    /// <summary><c>POST ops/dead-letters/replay</c> with <c>{"ids": ["…"]}</c>.</summary>
    [Function(nameof(ReplayDeadLetters))]
    public Task<IActionResult> ReplayDeadLetters(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Base + "/replay")] HttpRequest request,
        CancellationToken cancellationToken)
        => deadLetters.ReplayAsync(request, cancellationToken);

    [Function(nameof(DiscardDeadLetter))]
    public Task<IActionResult> DiscardDeadLetter(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = Base + "/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => deadLetters.DiscardAsync(request, id, cancellationToken);
}

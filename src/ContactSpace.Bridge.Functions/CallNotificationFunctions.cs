using ContactSpace.Bridge.Polling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContactSpace.Bridge.Functions;

/// <summary>
/// <c>POST /api/contactspace/calls</c>: contactSPACE's post-call notification. Anonymous at the host because
/// contactSPACE cannot send a function key header; the receiver checks its own shared secret.
/// </summary>
public sealed class CallNotificationFunctions(CallNotificationReceiver receiver)
{
    [Function(nameof(ReceiveCallNotification))]
    public Task<IActionResult> ReceiveCallNotification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contactspace/calls")] HttpRequest request,
        CancellationToken cancellationToken)
        => receiver.HandleAsync(request, cancellationToken);
}

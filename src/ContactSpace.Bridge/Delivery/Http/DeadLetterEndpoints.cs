using System.Globalization;
using System.Text.Json;
using Azure;
using ContactSpace.Bridge.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Delivery.Http;

/// <summary>
/// The dead-letter operations over HTTP (list with filters, show, replay, discard): query and body checks with a
/// 400 naming the problem, 404 for an unknown id, 503 with Retry-After while storage is down.
/// </summary>
public sealed class DeadLetterEndpoints(DeadLetterService deadLetters)
{
    /// <summary><c>?route=&amp;reason=&amp;from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>.</summary>
    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReadQuery(request.Query, out var problem) is not { } query)
        {
            return OpsResults.Problem(StatusCodes.Status400BadRequest, "Invalid query.", problem);
        }

        try
        {
            return await WithStorage(request, async () => new OkObjectResult(await deadLetters.ListAsync(query, cancellationToken)));
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            // The table service refused the page (a continuation token it did not issue): the caller's input, not ours.
            return OpsResults.Problem(StatusCodes.Status400BadRequest, "Invalid query.", "continuationToken was not accepted; start again without it.");
        }
    }

    public Task<IActionResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
        => WithStorage(request, async () => await deadLetters.GetAsync(id, cancellationToken) is { } deadLetter
            ? new OkObjectResult(deadLetter)
            : NotFound(id));

    /// <summary>Body <c>{"ids": ["…"]}</c>: re-maps each with its route's current configuration and queues it.</summary>
    public async Task<IActionResult> ReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReplayRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ReplayRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return OpsResults.Problem(StatusCodes.Status400BadRequest, "Invalid body.", "Send JSON like {\"ids\": [\"…\"]}.");
        }

        if (body?.Ids is not { Count: > 0 } ids || ids.Any(string.IsNullOrWhiteSpace))
        {
            return OpsResults.Problem(StatusCodes.Status400BadRequest, "No dead letters named.", "Send JSON like {\"ids\": [\"…\"]} with at least one id.");
        }

        return await WithStorage(request, async () => new OkObjectResult(await deadLetters.ReplayAsync(ids, cancellationToken)));
    }

    public Task<IActionResult> DiscardAsync(HttpRequest request, string id, CancellationToken cancellationToken)
        => WithStorage(request, async () => await deadLetters.DiscardAsync(id, cancellationToken) ? new NoContentResult() : NotFound(id));

    private static ObjectResult NotFound(string id) =>
        OpsResults.Problem(StatusCodes.Status404NotFound, "No such dead letter.", $"No dead letter has the id '{id}'.");

    private static async Task<IActionResult> WithStorage(HttpRequest request, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            return OpsResults.StorageUnavailable(request.HttpContext.Response);
        }
    }

    private static DeadLetterQuery? ReadQuery(IQueryCollection query, out string? problem)
    {
        problem = null;
        DeadLetterReason? reason = null;
        if (query["reason"].ToString() is { Length: > 0 } reasonText)
        {
            if (!Enum.TryParse<DeadLetterReason>(reasonText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                problem = $"reason must be one of {string.Join(", ", Enum.GetNames<DeadLetterReason>())}.";
                return null;
            }

            reason = parsed;
        }

        if (!TryReadTime(query, "from", out var from, ref problem) || !TryReadTime(query, "to", out var to, ref problem))
        {
            return null;
        }

        var pageSize = 50;
        if (query["pageSize"].ToString() is { Length: > 0 } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > DeadLetterService.MaxPageSize))
        {
            problem = $"pageSize must be a whole number from 1 to {DeadLetterService.MaxPageSize}.";
            return null;
        }

        return new DeadLetterQuery
        {
            Route = query["route"].ToString() is { Length: > 0 } route ? route : null,
            Reason = reason,
            From = from,
            To = to,
            PageSize = pageSize,
            ContinuationToken = query["continuationToken"].ToString() is { Length: > 0 } token ? token : null,
        };
    }

    private static bool TryReadTime(IQueryCollection query, string name, out DateTimeOffset? value, ref string? problem)
    {
        value = null;
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = $"{name} must be an ISO 8601 time, e.g. 2026-01-31T00:00:00Z.";
        return false;
    }

    /// <summary>The replay request body.</summary>
    public sealed record ReplayRequest(IReadOnlyList<string>? Ids);
}

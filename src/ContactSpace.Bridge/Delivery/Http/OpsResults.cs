using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Delivery.Http;

/// <summary>The few responses the read and operations endpoints share: problem+json, and 503 while storage is down.</summary>
internal static class OpsResults
{
    /// <summary>How long a caller should wait after a 503 caused by unreachable storage.</summary>
    public static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(30);

    public static ObjectResult Problem(int status, string title, string? detail = null)
    {
        var result = new ObjectResult(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }

    public static IActionResult StorageUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = ((int)StorageRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable.", "Try again later.");
    }
}

using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Polling;

/// <summary>RFC 9457 problem responses for the pollers' HTTP endpoints.</summary>
internal static class ProblemResults
{
    public static ObjectResult Create(int status, string title, string? detail = null)
    {
        var result = new ObjectResult(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }
}

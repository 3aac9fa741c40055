using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Polling.Tests;

/// <summary>Requests and results as the Functions ASP.NET Core integration hands them to the endpoints.</summary>
internal static class HttpRequests
{
    public static HttpRequest Form(string body, string? query = null, IDictionary<string, string>? headers = null, string contentType = "application/x-www-form-urlencoded")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    public static HttpRequest Get(string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        return context.Request;
    }

    public static T ValueOf<T>(IActionResult result) => Assert.IsType<T>(Assert.IsType<OkObjectResult>(result).Value);

    public static ProblemDetails ProblemOf(IActionResult result)
    {
        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Contains("application/problem+json", problem.ContentTypes);
        return Assert.IsType<ProblemDetails>(problem.Value);
    }
}

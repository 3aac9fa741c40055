using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// A fully formed answer (status, headers, body) that writes itself to the response. It needs no MVC services, so
/// it behaves the same in the Functions host, the DevHost and a test's <c>DefaultHttpContext</c>.
/// </summary>
public sealed class IntakeHttpResult : IActionResult
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private IntakeHttpResult(int statusCode, string? contentType, byte[] body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public int StatusCode { get; }

    public string? ContentType { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static IntakeHttpResult JsonBody(int statusCode, object body)
        => new(statusCode, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), _json));

    public static IntakeHttpResult Problem(IntakeRejection rejection)
    {
        var problem = new ValidationProblemDetails
        {
            Type = $"https://httpstatuses.io/{rejection.Status}",
            Title = rejection.Title,
            Status = rejection.Status,
            Detail = string.Join(" ", rejection.Problems.Select(p => p.Message)),
        };
        foreach (var group in rejection.Problems.GroupBy(p => p.Field, StringComparer.Ordinal))
        {
            problem.Errors[group.Key] = [.. group.Select(p => p.Message)];
        }

        problem.Extensions["code"] = rejection.Reason;
        return new(rejection.Status, "application/problem+json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(problem, _json));
    }

    public static IntakeHttpResult Text(int statusCode, string contentType, string text) => new(statusCode, contentType, Encoding.UTF8.GetBytes(text));

    public static IntakeHttpResult Redirect(Uri location)
    {
        var result = new IntakeHttpResult(StatusCodes.Status303SeeOther, null, []);
        result.Headers["Location"] = location.AbsoluteUri;
        return result;
    }

    public static IntakeHttpResult Empty(int statusCode) => new(statusCode, null, []);

    public IntakeHttpResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (!Body.IsEmpty)
        {
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

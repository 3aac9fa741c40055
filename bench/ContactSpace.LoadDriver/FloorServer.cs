using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContactSpace.LoadDriver;

/// <summary>
/// The CPU floor: a bare ASP.NET Core endpoint on the bridge's route that reads the body and answers 202, run as
/// its own process (<c>ContactSpace.LoadDriver serve-floor --urls …</c>) so it is measured like the DevHost.
/// </summary>
internal static class FloorServer
{
    public const string Command = "serve-floor";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/api/health", () => Results.Ok());
        app.MapPost("/api/leads/{route}", async (HttpRequest request) =>
        {
            // Read the body as the bridge does, so the floor pays for the bytes too.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
    }
}

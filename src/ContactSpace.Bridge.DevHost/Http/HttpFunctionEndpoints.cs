using ContactSpace.Bridge.DevHost.Invocation;
using ContactSpace.Bridge.DevHost.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace ContactSpace.Bridge.DevHost.Http;

/// <summary>Maps every HTTP-triggered function of <c>functions.metadata</c> to the same route, methods and auth level.</summary>
public static partial class HttpFunctionEndpoints
{
    public static IReadOnlyList<string> MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionMetadataCatalog catalog, HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(host);
        var mapped = new List<string>();
        foreach (var function in catalog.Functions.Where(f => f.Trigger.IsType(BindingDescriptor.HttpTrigger)))
        {
            var trigger = function.Trigger;
            var invoker = new FunctionInvoker(function);
            var pattern = "/" + string.Join('/', new[] { host.RoutePrefix, trigger.Route ?? function.Name }.Where(p => !string.IsNullOrEmpty(p)));
            var methods = trigger.Methods is { Count: > 0 } ? trigger.Methods.Select(m => m.ToUpperInvariant()).ToArray() : null;
            var handler = CreateHandler(invoker, trigger.AuthLevel);
            var endpoint = methods is null ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, methods, handler);
            endpoint.WithName(function.Name).WithDisplayName(function.Name);
            mapped.Add($"{function.Name}: [{string.Join(',', methods ?? ["*"])}] {pattern} ({trigger.AuthLevel ?? "Anonymous"})");
        }

        return mapped;
    }

    private static RequestDelegate CreateHandler(FunctionInvoker invoker, string? authLevel) => async context =>
    {
        var authorizer = context.RequestServices.GetRequiredService<FunctionKeyAuthorizer>();
        if (!authorizer.IsAuthorized(context.Request, authLevel))
        {
            // The Functions host answers a missing or wrong key with a bare 401.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints));
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context.Request.RouteValues)
        {
            bindingData[key] = value;
        }

        object? result;
        try
        {
            result = await invoker.InvokeAsync(new FunctionCall(context.RequestServices, context.RequestAborted)
            {
                HttpContext = context,
                BindingData = bindingData,
            });
        }
        catch (BindingException e)
        {
            LogBindingFailed(logger, invoker.Function.Name, e.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // As on the Functions host: an unhandled exception is a failed invocation and a bare 500.
            LogInvocationFailed(logger, invoker.Function.Name, e);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        switch (result)
        {
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType(), context.RequestAborted);
                break;
        }
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Function {FunctionName} could not bind its input: {Reason}")]
    private static partial void LogBindingFailed(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Function {FunctionName} failed")]
    private static partial void LogInvocationFailed(ILogger logger, string functionName, Exception exception);
}

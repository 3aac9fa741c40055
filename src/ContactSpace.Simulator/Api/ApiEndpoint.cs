using System.Security.Cryptography;
using System.Text;
using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.State;
using Microsoft.Extensions.Options;

namespace ContactSpace.Simulator.Api;

/// <summary>
/// Serves one API call: reads the parameters, lets the fault injector interfere, checks the key, runs the
/// function and records the call (key redacted). Failures are HTTP 200 with a message, as contactSPACE does.
/// </summary>
public sealed partial class ApiEndpoint(
    ApiFunctionCatalog catalog,
    FaultInjector faults,
    CallLog callLog,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ApiEndpoint> logger)
{
    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async Task HandleAsync(HttpContext context, bool betaPath)
    {
        var request = new ApiRequest(await ReadParametersAsync(context.Request));
        var fault = faults.Next(request.Function);
        switch (fault?.Kind)
        {
            case FaultKind.Http500:
                await WriteHttpErrorAsync(context, request, fault, StatusCodes.Status500InternalServerError, "Internal Server Error");
                return;
            case FaultKind.Http503:
                await WriteHttpErrorAsync(context, request, fault, StatusCodes.Status503ServiceUnavailable, "Service Unavailable");
                return;
            case FaultKind.Http429:
                context.Response.Headers.RetryAfter = (fault.RetryAfterSeconds ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteHttpErrorAsync(context, request, fault, StatusCodes.Status429TooManyRequests, "Too Many Requests");
                return;
            case FaultKind.ErrorMessage:
                await WriteAnswerAsync(context, request, fault, ApiAnswer.Failure(fault.Message!, AnswersJson(request)));
                return;
            case FaultKind.Drop:
                Abort(context, request, fault);
                return;
            case FaultKind.Hang:
                Record(context, request, null, fault, null);
                await WaitUntilAbandonedAsync(context);
                context.Abort();
                return;
            case FaultKind.Latency:
                if (!await DelayAsync(context, TimeSpan.FromMilliseconds(fault.Milliseconds ?? 0)))
                {
                    Abort(context, request, fault);
                    return;
                }

                break;
        }

        var answer = Dispatch(request, betaPath);
        switch (fault?.Kind)
        {
            case FaultKind.DropAfterApply:
                Abort(context, request, fault);
                return;
            case FaultKind.MalformedXml:
                answer = answer.Truncated();
                break;
        }

        await WriteAnswerAsync(context, request, fault, answer);
    }

    private ApiAnswer Dispatch(ApiRequest request, bool betaPath)
    {
        var function = catalog.Find(request.Function);
        var json = function is { AnswersJson: true } && !request.WantsXml;
        if (!KeyMatches(request.Optional("apikey")))
        {
            return ApiAnswer.Failure("Invalid API key", json);
        }

        if (function is null || (betaPath && !function.ServedOnBetaPath))
        {
            return ApiAnswer.Failure("Invalid function", json);
        }

        try
        {
            return function.Handle(request);
        }
        catch (ContactSpaceFailureException failure)
        {
            return ApiAnswer.Failure(failure.Message, json);
        }
    }

    private bool AnswersJson(ApiRequest request) => catalog.Find(request.Function) is { AnswersJson: true } && !request.WantsXml;

    private bool KeyMatches(string? key)
        => key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKey);

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            parameters.TryAdd(name, values.Count > 0 ? values[0] ?? string.Empty : string.Empty);
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (name, values) in form)
            {
                parameters.TryAdd(name, values.Count > 0 ? values[0] ?? string.Empty : string.Empty);
            }
        }

        return parameters;
    }

    private async Task WriteHttpErrorAsync(HttpContext context, ApiRequest request, FaultRule fault, int status, string text)
    {
        Record(context, request, status, fault, null);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<html><body><h1>{status} {text}</h1></body></html>", context.RequestAborted);
    }

    private async Task WriteAnswerAsync(HttpContext context, ApiRequest request, FaultRule? fault, ApiAnswer answer)
    {
        Record(context, request, StatusCodes.Status200OK, fault, answer.Message);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private void Abort(HttpContext context, ApiRequest request, FaultRule fault)
    {
        Record(context, request, null, fault, null);
        context.Abort();
    }

    /// <summary>Holds the request open until the caller gives up or the simulator stops.</summary>
    private async Task WaitUntilAbandonedAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, either.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: that is the point of hanging.
        }
    }

    private async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Record(HttpContext context, ApiRequest request, int? status, FaultRule? fault, string? message)
    {
        var faultName = fault is null ? null : FaultName(fault.Kind);
        var call = callLog.Add(
            time.GetUtcNow(), context.Request.Method, context.Request.Path.Value ?? "/", request.Function, request.Parameters,
            status, faultName, message);
        LogCall(logger, call.Sequence, call.Method, call.Path, call.Function, status, faultName ?? "none", message);
    }

    /// <summary>The fault's name as the admin endpoint spells it (camelCase).</summary>
    public static string FaultName(FaultKind kind)
    {
        var name = kind.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name[1..]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {Sequence}: {Method} {Path} function {Function} answered {Status} (fault {Fault}): {Answer}")]
    private static partial void LogCall(ILogger logger, long sequence, string method, string path, string function, int? status, string fault, string? answer);
}

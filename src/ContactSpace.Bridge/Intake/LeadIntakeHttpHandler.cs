using ContactSpace.Bridge.Leads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// <c>POST|OPTIONS /api/leads/{route}</c> on ASP.NET Core abstractions: reads the body within the limit, runs intake,
/// hands the lead to <see cref="ILeadAcceptor"/> and renders the answer (JSON, problem+json, a 303 for HTML forms,
/// or Salesforce's SOAP acknowledgement), with CORS for the route's origins. Never answers 500 for bad input.
/// </summary>
public sealed class LeadIntakeHttpHandler
{
    private const string SalesforceAck =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soapenv:Body><notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse></soapenv:Body>"
        + "</soapenv:Envelope>";

    private static readonly TimeSpan _defaultRetryAfter = TimeSpan.FromSeconds(30);

    private readonly RouteCatalog _routes;
    private readonly LeadPreparer _preparer;
    private readonly ILeadAcceptor _acceptor;
    private readonly ILogger<LeadIntakeHttpHandler> _logger;

    internal LeadIntakeHttpHandler(RouteCatalog routes, LeadPreparer preparer, ILeadAcceptor acceptor, ILogger<LeadIntakeHttpHandler> logger)
    {
        _routes = routes;
        _preparer = preparer;
        _acceptor = acceptor;
        _logger = logger;
    }

    public async Task<IActionResult> HandleAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = _routes.Find(route);
        var origin = request.Headers.Origin.ToString();
        if (HttpMethods.IsOptions(request.Method))
        {
            return Preflight(definition, route, origin);
        }

        var cors = CorsHeaders(definition, origin);
        if (!HttpMethods.IsPost(request.Method))
        {
            return WithHeaders(IntakeHttpResult.Problem(IntakeRejection.One(StatusCodes.Status405MethodNotAllowed, "Method not allowed", "method",
                ProblemCodes.InvalidValue, "Leads are posted with POST.")).WithHeader("Allow", "POST, OPTIONS"), cors);
        }

        var limits = _routes.Limits;
        var body = await ReadBodyAsync(request, limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            var tooLarge = LeadPreparer.TooLarge(limits);
            IntakeLog.Refused(_logger, route, tooLarge.Status, tooLarge.Reason);
            return WithHeaders(RenderRejection(request, definition, tooLarge), cors);
        }

        var preparation = _preparer.Prepare(new IntakeRequest(route, request.Method.ToUpperInvariant(), RequestUrl(request), Headers(request), body.Value,
            request.ContentType));
        if (preparation.Rejection is { } rejection)
        {
            return WithHeaders(RenderRejection(request, preparation.Route, rejection), cors);
        }

        if (preparation.Discarded)
        {
            // Honeypot: look accepted to the bot, forward nothing.
            return WithHeaders(RenderAccepted(request, preparation.Route!, new AcceptanceResult(AcceptanceStatus.Queued, Guid.NewGuid().ToString("N")), location: false), cors);
        }

        // A batch (Salesforce sends up to 100 notifications) is answered by its first lead that was not accepted, else by its first lead.
        AcceptanceResult? answer = null;
        foreach (var lead in preparation.Leads)
        {
            var result = await AcceptAsync(preparation.Route!, lead, cancellationToken).ConfigureAwait(false);
            if (result.Status is not (AcceptanceStatus.Delivered or AcceptanceStatus.Queued))
            {
                answer = result;
                break;
            }

            answer ??= result;
        }

        return WithHeaders(Render(request, preparation.Route!, answer!), cors);
    }

    private async Task<AcceptanceResult> AcceptAsync(RouteDefinition route, PreparedLead lead, CancellationToken cancellationToken)
    {
        AcceptanceResult result;
        try
        {
            result = await _acceptor.AcceptAsync(lead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The acceptor answers Unavailable for storage outages; anything else still must not become a 500 the sender cannot act on.
            IntakeLog.AcceptorFailed(_logger, route.Name, ex);
            result = new AcceptanceResult(AcceptanceStatus.Unavailable, null);
        }

        IntakeLog.Accepted(_logger, result.LeadId, route.Name, result.Status, result.IsRepeat);
        return result;
    }

    private static IntakeHttpResult Render(HttpRequest request, RouteDefinition route, AcceptanceResult result)
    {
        var rendered = result.Status switch
        {
            AcceptanceStatus.Delivered or AcceptanceStatus.Queued => RenderAccepted(request, route, result, location: true),
            AcceptanceStatus.Rejected => RenderRejection(request, route, IntakeRejection.One(StatusCodes.Status422UnprocessableEntity,
                "contactSPACE refused the lead", "contactspace", ProblemCodes.Rejected, result.Message ?? "contactSPACE refused the record.")),
            AcceptanceStatus.InFlight => RenderRejection(request, route, IntakeRejection.One(StatusCodes.Status409Conflict, "Already in progress",
                LeadPreparer.IdempotencyKeyHeader, ProblemCodes.InFlight, result.Message ?? "A post with the same idempotency key is still being handled; retry later.")),
            AcceptanceStatus.KeyReusedWithDifferentPayload => RenderRejection(request, route, IntakeRejection.One(StatusCodes.Status422UnprocessableEntity,
                "Idempotency key reused", LeadPreparer.IdempotencyKeyHeader, ProblemCodes.KeyReused,
                result.Message ?? "The idempotency key was already used with a different payload.")),
            _ => RenderRejection(request, route, IntakeRejection.One(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "service",
                ProblemCodes.Unavailable, result.Message ?? "The lead could not be stored; retry later."))
                .WithHeader("Retry-After", ((int)Math.Ceiling((result.RetryAfter ?? _defaultRetryAfter).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (result.IsRepeat)
        {
            rendered.WithHeader("Idempotent-Replayed", "true");
        }

        if (result.LeadId is { } id && result.Status is AcceptanceStatus.Rejected or AcceptanceStatus.Unavailable or AcceptanceStatus.InFlight)
        {
            rendered.WithHeader("X-Lead-Id", id);
        }

        return rendered;
    }

    private static IntakeHttpResult RenderAccepted(HttpRequest request, RouteDefinition route, AcceptanceResult result, bool location)
    {
        if (route.Reply == ReplyFormat.SalesforceAck)
        {
            return IntakeHttpResult.Text(StatusCodes.Status200OK, "text/xml; charset=utf-8", SalesforceAck);
        }

        if (route.SuccessUrl is { } success && WantsRedirect(request, route))
        {
            return IntakeHttpResult.Redirect(success);
        }

        var delivered = result.Status == AcceptanceStatus.Delivered;
        IntakeHttpResult rendered = delivered
            ? IntakeHttpResult.JsonBody(StatusCodes.Status201Created, new DeliveredBody(result.LeadId, result.RecordId, "delivered"))
            : IntakeHttpResult.JsonBody(StatusCodes.Status202Accepted, new QueuedBody(result.LeadId, "queued"));
        if (location && result.LeadId is { } leadId)
        {
            rendered.WithHeader("Location", $"/api/leads/{Uri.EscapeDataString(leadId)}");
        }

        return rendered;
    }

    private static IntakeHttpResult RenderRejection(HttpRequest request, RouteDefinition? route, IntakeRejection rejection)
    {
        if (route?.ErrorUrl is { } error && WantsRedirect(request, route))
        {
            return IntakeHttpResult.Redirect(new Uri(QueryHelpers.AddQueryString(error.AbsoluteUri, "reason", rejection.Reason)));
        }

        return IntakeHttpResult.Problem(rejection);
    }

    /// <summary>HTML form posts (with redirect pages configured) and browsers asking for HTML get 303s, not JSON.</summary>
    private static bool WantsRedirect(HttpRequest request, RouteDefinition route)
    {
        if (request.HasFormContentType && (route.SuccessUrl is not null || route.ErrorUrl is not null))
        {
            return true;
        }

        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    private IntakeHttpResult Preflight(RouteDefinition? route, string routeName, string origin)
    {
        if (route is null)
        {
            return IntakeHttpResult.Problem(IntakeRejection.One(StatusCodes.Status404NotFound, "Unknown route", "route", ProblemCodes.UnknownRoute,
                $"No intake route is named '{routeName}'."));
        }

        if (CorsHeaders(route, origin) is not { Count: > 0 } cors)
        {
            IntakeLog.PreflightRefused(_logger, route.Name, origin);
            return IntakeHttpResult.Problem(IntakeRejection.One(StatusCodes.Status403Forbidden, "Origin not allowed", "Origin", ProblemCodes.OriginNotAllowed,
                "This origin may not post to this route.")).WithHeader(HeaderNames.Vary, HeaderNames.Origin);
        }

        var result = IntakeHttpResult.Empty(StatusCodes.Status204NoContent)
            .WithHeader(HeaderNames.AccessControlAllowMethods, "POST, OPTIONS")
            .WithHeader(HeaderNames.AccessControlAllowHeaders, "Content-Type, Accept, Idempotency-Key")
            .WithHeader(HeaderNames.AccessControlMaxAge, "600");
        return WithHeaders(result, cors);
    }

    private static Dictionary<string, string> CorsHeaders(RouteDefinition? route, string origin)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (route is null || route.AllowedOrigins.Count == 0)
        {
            return headers;
        }

        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && route.AllowedOrigins.Contains(uri.GetLeftPart(UriPartial.Authority)))
        {
            headers[HeaderNames.AccessControlAllowOrigin] = origin;
            headers[HeaderNames.Vary] = HeaderNames.Origin;
        }

        return headers;
    }

    private static IntakeHttpResult WithHeaders(IntakeHttpResult result, Dictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            result.WithHeader(name, value);
        }

        return result;
    }

    /// <summary>Reads the body, stopping as soon as it passes the limit (null then): a huge post costs at most the limit.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[Math.Min(limit + 1, (int)(request.ContentLength ?? 16 * 1024) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > limit)
            {
                return null;
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static Uri RequestUrl(HttpRequest request)
        => Uri.TryCreate(request.GetEncodedUrl(), UriKind.Absolute, out var url) ? url : new Uri("http://localhost" + request.Path + request.QueryString);

    private static Dictionary<string, string> Headers(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        return headers;
    }

    private sealed record DeliveredBody(string? LeadId, long? RecordId, string Status);

    private sealed record QueuedBody(string? LeadId, string Status);
}

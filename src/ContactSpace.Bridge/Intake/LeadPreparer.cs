using ContactSpace.Bridge.Leads;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Intake;

/// <summary>What intake made of a post: a lead to accept, a refusal, or a honeypot hit to answer as success and drop.</summary>
internal sealed record IntakePreparation(RouteDefinition? Route, PreparedLead? Lead, IntakeRejection? Rejection)
{
    /// <summary>A bot filled the honeypot: answer as if accepted, forward nothing.</summary>
    public bool Discarded => Lead is null && Rejection is null;
}

/// <summary>
/// The intake pipeline on a host-free <see cref="IntakeRequest"/>: find the route (404), authenticate on the raw body
/// (401), parse (400/413/415), honeypot, map and validate (422), then the idempotency key and payload hash.
/// </summary>
internal sealed class LeadPreparer(RouteCatalog routes, RequestAuthenticator authenticator, ILogger<LeadPreparer> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 255;

    public IntakePreparation Prepare(IntakeRequest request)
    {
        var route = routes.Find(request.RouteName);
        if (route is null)
        {
            IntakeLog.UnknownRoute(logger, request.RouteName);
            return Refuse(null, request.RouteName, IntakeRejection.One(StatusCodes.Status404NotFound, "Unknown route", "route",
                ProblemCodes.UnknownRoute, $"No intake route is named '{request.RouteName}'."));
        }

        var auth = authenticator.Authenticate(request, route);
        if (!auth.Succeeded)
        {
            IntakeLog.AuthenticationFailed(logger, route.Name, route.Auth.Scheme, auth.Reason!);
            return new IntakePreparation(route, null, IntakeRejection.One(StatusCodes.Status401Unauthorized, "Unauthorized", "auth",
                ProblemCodes.Unauthorized, $"Authentication failed ({route.Auth.Scheme}): {auth.Reason}."));
        }

        var limits = routes.Limits;
        if (request.Body.Length > limits.MaxBodyBytes)
        {
            return Refuse(route, route.Name, TooLarge(limits));
        }

        var parsed = new PayloadReader(limits).Read(request.Body, request.ContentType);
        if (!parsed.Succeeded)
        {
            return Refuse(route, route.Name, parsed.Rejection!);
        }

        if (route.HoneypotField is { } honeypot && !string.IsNullOrWhiteSpace(FieldPath.Parse(honeypot).Resolve(parsed.Root)))
        {
            IntakeLog.HoneypotTripped(logger, route.Name);
            return new IntakePreparation(route, null, null);
        }

        var (lead, rejection) = LeadMapper.Map(route, parsed.Root);
        if (lead is null)
        {
            return Refuse(route, route.Name, rejection!);
        }

        var key = AuthPrimitives.Header(request, IdempotencyKeyHeader)?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            key = route.EventIdPath?.Resolve(parsed.Root)?.Trim();
        }

        if (key is { Length: > MaxIdempotencyKeyLength })
        {
            return Refuse(route, route.Name, IntakeRejection.One(StatusCodes.Status400BadRequest, "Invalid idempotency key", IdempotencyKeyHeader,
                ProblemCodes.InvalidValue, $"The idempotency key is longer than {MaxIdempotencyKeyLength} characters."));
        }

        return new IntakePreparation(route, new PreparedLead
        {
            Lead = lead,
            IdempotencyKey = string.IsNullOrEmpty(key) ? null : key,
            PayloadHash = LeadMapper.PayloadHash(lead),
            OriginalBody = request.Body,
            OriginalContentType = request.ContentType,
        }, null);
    }

    public static IntakeRejection TooLarge(IntakeLimitOptions limits) => IntakeRejection.One(StatusCodes.Status413PayloadTooLarge, "Body too large", "body",
        ProblemCodes.TooLarge, $"The body is larger than {limits.MaxBodyBytes} bytes.");

    private IntakePreparation Refuse(RouteDefinition? route, string routeName, IntakeRejection rejection)
    {
        IntakeLog.Refused(logger, routeName, rejection.Status, string.Join(",", rejection.Problems.Select(p => p.Code).Distinct()));
        return new IntakePreparation(route, null, rejection);
    }
}

/// <summary>Re-maps a stored post with the route's current configuration (dead-letter replay); no authentication.</summary>
internal sealed class LeadRemapper(RouteCatalog routes) : ILeadRemapper
{
    public LeadRemapResult Remap(string route, ReadOnlyMemory<byte> originalBody, string? originalContentType)
    {
        var definition = routes.Find(route);
        if (definition is null)
        {
            return new LeadRemapResult(null, [$"route: No intake route is named '{route}'."]);
        }

        var parsed = new PayloadReader(routes.Limits).Read(originalBody, originalContentType);
        if (!parsed.Succeeded)
        {
            return new LeadRemapResult(null, Describe(parsed.Rejection!));
        }

        var (lead, rejection) = LeadMapper.Map(definition, parsed.Root);
        return lead is null ? new LeadRemapResult(null, Describe(rejection!)) : new LeadRemapResult(lead, []);
    }

    private static string[] Describe(IntakeRejection rejection) => [.. rejection.Problems.Select(p => $"{p.Field}: {p.Message}")];
}

using System.Globalization;
using System.Text.Json.Nodes;
using ContactSpace.Bridge.Leads;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Intake;

/// <summary>What intake made of a post: leads to accept (one, or one per record of a batch), a refusal, or a
/// honeypot hit to answer as success and drop.</summary>
internal sealed record IntakePreparation(RouteDefinition? Route, IReadOnlyList<PreparedLead> Leads, IntakeRejection? Rejection)
{
    /// <summary>The first (usually only) lead.</summary>
    public PreparedLead? Lead => Leads.Count > 0 ? Leads[0] : null;

    /// <summary>A bot filled the honeypot: answer as if accepted, forward nothing.</summary>
    public bool Discarded => Leads.Count == 0 && Rejection is null;
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
            return new IntakePreparation(route, [], IntakeRejection.One(StatusCodes.Status401Unauthorized, "Unauthorized", "auth",
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
            return new IntakePreparation(route, [], null);
        }

        var records = RecordSelector.Select(route, parsed.Root, out var noRecords);
        if (noRecords is not null)
        {
            return Refuse(route, route.Name, noRecords);
        }

        var headerKey = AuthPrimitives.Header(request, IdempotencyKeyHeader)?.Trim();
        if (headerKey is { Length: > MaxIdempotencyKeyLength })
        {
            return Refuse(route, route.Name, IntakeRejection.One(StatusCodes.Status400BadRequest, "Invalid idempotency key", IdempotencyKeyHeader,
                ProblemCodes.InvalidValue, $"The idempotency key is longer than {MaxIdempotencyKeyLength} characters."));
        }

        var leads = new List<PreparedLead>(records.Count);
        var problems = new List<IntakeProblem>();
        for (var index = 0; index < records.Count; index++)
        {
            var (lead, rejection) = LeadMapper.Map(route, records[index]);
            if (lead is null)
            {
                problems.AddRange(records.Count == 1 ? rejection!.Problems : rejection!.Problems.Select(p => p with { Field = $"records[{index}].{p.Field}" }));
                continue;
            }

            leads.Add(new PreparedLead
            {
                Lead = lead,
                IdempotencyKey = IdempotencyKey(route, records[index], headerKey, index, records.Count),
                PayloadHash = LeadMapper.PayloadHash(lead),
                OriginalBody = request.Body,
                OriginalContentType = records.Count == 1 ? request.ContentType : RecordSelector.MarkRecord(request.ContentType, index),
            });
        }

        // A batch is all or nothing: the sender resends it whole, and the accepted records come back as idempotent repeats.
        return problems.Count > 0
            ? Refuse(route, route.Name, new IntakeRejection(StatusCodes.Status422UnprocessableEntity, "The lead is incomplete or invalid", problems))
            : new IntakePreparation(route, leads, null);
    }

    private static string? IdempotencyKey(RouteDefinition route, JsonNode? record, string? headerKey, int index, int count)
    {
        if (!string.IsNullOrEmpty(headerKey))
        {
            return count == 1 ? headerKey : $"{headerKey}#{index}";
        }

        var eventId = route.EventIdPath?.Resolve(record)?.Trim();
        return string.IsNullOrEmpty(eventId) ? null : eventId[..Math.Min(eventId.Length, MaxIdempotencyKeyLength)];
    }

    public static IntakeRejection TooLarge(IntakeLimitOptions limits) => IntakeRejection.One(StatusCodes.Status413PayloadTooLarge, "Body too large", "body",
        ProblemCodes.TooLarge, $"The body is larger than {limits.MaxBodyBytes} bytes.");

    private IntakePreparation Refuse(RouteDefinition? route, string routeName, IntakeRejection rejection)
    {
        IntakeLog.Refused(logger, routeName, rejection.Status, string.Join(",", rejection.Problems.Select(p => p.Code).Distinct()));
        return new IntakePreparation(route, [], rejection);
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

        var records = RecordSelector.Select(definition, parsed.Root, out var noRecords);
        if (noRecords is not null)
        {
            return new LeadRemapResult(null, Describe(noRecords));
        }

        var index = RecordSelector.RecordIndex(originalContentType);
        if (index >= records.Count)
        {
            return new LeadRemapResult(null, [$"body: The post has {records.Count} records; record {index} is not among them."]);
        }

        var (lead, rejection) = LeadMapper.Map(definition, records[index]);
        return lead is null ? new LeadRemapResult(null, Describe(rejection!)) : new LeadRemapResult(lead, []);
    }

    private static string[] Describe(IntakeRejection rejection) => [.. rejection.Problems.Select(p => $"{p.Field}: {p.Message}")];
}

/// <summary>
/// Splits a batch post into its records (a route's <c>RecordsPath</c>), and marks which record of a stored batch a
/// lead came from (an <c>x-record</c> parameter on the stored content type) so a replay re-maps that record.
/// </summary>
internal static class RecordSelector
{
    private const string RecordParameter = "x-record";

    public static IReadOnlyList<JsonNode?> Select(RouteDefinition route, JsonNode? root, out IntakeRejection? rejection)
    {
        rejection = null;
        if (route.RecordsPath is not { } path)
        {
            return [root];
        }

        var records = path.ResolveItems(root);
        if (records.Count == 0)
        {
            rejection = IntakeRejection.One(StatusCodes.Status422UnprocessableEntity, "No records", path.Text, ProblemCodes.Missing,
                $"The post has no records at '{path.Text}'.");
        }

        return records;
    }

    public static string MarkRecord(string? contentType, int index)
        => $"{contentType}; {RecordParameter}={index.ToString(CultureInfo.InvariantCulture)}";

    public static int RecordIndex(string? contentType)
    {
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            var parameter = media.Parameters.FirstOrDefault(p => p.Name.Equals(RecordParameter, StringComparison.OrdinalIgnoreCase));
            if (parameter is not null && int.TryParse(parameter.Value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index;
            }
        }

        return 0;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSpace.Bridge.Leads;
using Microsoft.AspNetCore.Http;

namespace ContactSpace.Bridge.Intake;

/// <summary>Applies a route's mapping and transforms to a parsed post: the contactSPACE fields, or every problem found.</summary>
internal static class LeadMapper
{
    public static (MappedLead? Lead, IntakeRejection? Rejection) Map(RouteDefinition route, JsonNode? root)
    {
        var problems = new List<IntakeProblem>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in route.Fields)
        {
            var source = rule.Sources.Count > 0 ? rule.Sources[0].Text : rule.Name;
            var raw = Gather(rule, root) ?? rule.Constant;
            var result = raw is null ? new TransformResult(string.Empty) : rule.Transforms.Apply(raw, route.Transform);
            if (result.Failed)
            {
                problems.Add(new IntakeProblem(source, result.ProblemCode!, $"{result.Problem} (for {rule.Name})"));
            }
            else if (!string.IsNullOrEmpty(result.Value))
            {
                fields[rule.Name] = result.Value;
            }
            else if (rule.Required)
            {
                problems.Add(new IntakeProblem(source, ProblemCodes.Missing, $"A value is required (for {rule.Name})."));
            }
        }

        var callbackAt = ReadCallbackTime(route, root, problems);
        var userId = ReadCallbackUser(route, root, problems) ?? route.UserId;
        if (route.Mode == InsertMode.InsertRecordWithCallback && callbackAt is null && route.CallbackTime is { } path
            && !problems.Exists(p => p.Field == path.Text))
        {
            problems.Add(new IntakeProblem(path.Text, ProblemCodes.Missing, "A callback time is required on this route."));
        }

        if (route.Mode == InsertMode.InsertRecordWithCallback && userId is null && !problems.Exists(p => p.Field == route.CallbackUser?.Text))
        {
            problems.Add(new IntakeProblem(route.CallbackUser?.Text ?? "callbackUser", ProblemCodes.Missing, "A callback user is required on this route."));
        }

        if (problems.Count > 0)
        {
            return (null, new IntakeRejection(StatusCodes.Status422UnprocessableEntity, "The lead is incomplete or invalid", problems));
        }

        return (new MappedLead
        {
            Route = route.Name,
            Fields = fields,
            DatasetId = route.DatasetId,
            InitiativeId = route.InitiativeId,
            Mode = route.Mode,
            UserId = userId,
            CallbackAt = callbackAt,
            DedupeField = route.DedupeField,
        }, null);
    }

    /// <summary>
    /// SHA-256 (hex) of the lead in a canonical form (route, mode, dataset, initiative, user, callback, fields sorted by
    /// name), so the same submission always hashes the same whatever order its fields came in.
    /// </summary>
    public static string PayloadHash(MappedLead lead)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("route", lead.Route.ToLowerInvariant());
            writer.WriteString("mode", lead.Mode.ToString());
            writer.WriteNumber("dataset", lead.DatasetId);
            WriteNumber(writer, "initiative", lead.InitiativeId);
            WriteNumber(writer, "user", lead.UserId);
            if (lead.CallbackAt is { } callback)
            {
                writer.WriteString("callback", callback.ToString(ValueTransforms.ContactSpaceDateTimeFormat, CultureInfo.InvariantCulture));
            }

            writer.WriteStartObject("fields");
            foreach (var (name, value) in lead.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static string? Gather(FieldRule rule, JsonNode? root)
    {
        if (rule.Sources.Count == 1)
        {
            var single = rule.Sources[0].Resolve(root)?.Trim();
            return string.IsNullOrEmpty(single) ? null : single;
        }

        var parts = rule.Sources.Select(s => s.Resolve(root)?.Trim()).Where(v => !string.IsNullOrEmpty(v)).ToList();
        return parts.Count == 0 ? null : string.Join(rule.Separator, parts);
    }

    private static DateTime? ReadCallbackTime(RouteDefinition route, JsonNode? root, List<IntakeProblem> problems)
    {
        if (route.CallbackTime?.Resolve(root)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        var time = ValueTransforms.ToAccountTime(text, route.Transform.AccountTimeZone);
        if (time is null)
        {
            problems.Add(new IntakeProblem(route.CallbackTime.Text, ProblemCodes.InvalidDate,
                $"'{text}' is not a date and time (use ISO 8601 such as 2026-12-03T14:30:00+11:00, or dd/MM/yyyy HH:mm)."));
        }

        return time;
    }

    private static long? ReadCallbackUser(RouteDefinition route, JsonNode? root, List<IntakeProblem> problems)
    {
        if (route.CallbackUser?.Resolve(root)?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) && userId > 0)
        {
            return userId;
        }

        problems.Add(new IntakeProblem(route.CallbackUser.Text, ProblemCodes.InvalidValue, $"'{text}' is not a contactSPACE user id."));
        return null;
    }
}

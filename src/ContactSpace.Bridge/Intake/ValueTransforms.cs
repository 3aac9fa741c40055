using System.Globalization;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ContactSpace.Bridge.Intake;

/// <summary>What a transform made of a value: the new text, or a problem code and message.</summary>
internal readonly record struct TransformResult(string? Value, string? ProblemCode = null, string? Problem = null)
{
    public bool Failed => ProblemCode is not null;

    public static TransformResult Fail(string code, string message) => new(null, code, message);
}

/// <summary>The route-level settings a transform needs.</summary>
internal sealed record TransformContext(string DefaultRegion, TimeZoneInfo AccountTimeZone);

/// <summary>
/// A compiled <c>trim|phone|max:20</c> chain. Values are always trimmed first; an empty result means "no value".
/// </summary>
internal sealed class TransformChain
{
    public static readonly TransformChain None = new([]);

    private readonly Func<string, TransformContext, TransformResult>[] _steps;

    private TransformChain(Func<string, TransformContext, TransformResult>[] steps) => _steps = steps;

    public static bool TryParse(string? text, out TransformChain chain, out string? error)
    {
        chain = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var steps = new List<Func<string, TransformContext, TransformResult>>();
        foreach (var raw in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var step = raw.ToLowerInvariant();
            Func<string, TransformContext, TransformResult>? transform = step switch
            {
                "trim" => static (v, _) => new(v.Trim()),
                "lower" => static (v, _) => new(v.ToLowerInvariant()),
                "upper" => static (v, _) => new(v.ToUpperInvariant()),
                "phone" => static (v, c) => ValueTransforms.Phone(v, c.DefaultRegion),
                "first-name" => static (v, _) => new(ValueTransforms.SplitName(v).First),
                "last-name" => static (v, _) => new(ValueTransforms.SplitName(v).Last),
                "datetime" => static (v, c) => ValueTransforms.ToAccountTime(v, c.AccountTimeZone) is { } t
                    ? new(t.ToString(ValueTransforms.ContactSpaceDateTimeFormat, CultureInfo.InvariantCulture))
                    : TransformResult.Fail(ProblemCodes.InvalidDate, $"'{v}' is not a date and time."),
                "date" => static (v, c) => ValueTransforms.ToAccountTime(v, c.AccountTimeZone) is { } t
                    ? new(t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : TransformResult.Fail(ProblemCodes.InvalidDate, $"'{v}' is not a date."),
                _ when step.StartsWith("max:", StringComparison.Ordinal) => MaxLength(step),
                _ => null,
            };
            if (transform is null)
            {
                error = $"has an unknown transform '{raw}' (known: trim, phone, lower, upper, first-name, last-name, datetime, date, max:N)";
                return false;
            }

            steps.Add(transform);
        }

        chain = new TransformChain([.. steps]);
        return true;
    }

    public TransformResult Apply(string value, TransformContext context)
    {
        var current = value.Trim();
        foreach (var step in _steps)
        {
            if (current.Length == 0)
            {
                break;
            }

            var result = step(current, context);
            if (result.Failed)
            {
                return result;
            }

            current = result.Value?.Trim() ?? string.Empty;
        }

        return new TransformResult(current);
    }

    private static Func<string, TransformContext, TransformResult>? MaxLength(string step)
        => int.TryParse(step.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
            ? (v, _) => new(v.Length <= max ? v : v[..max])
            : null;
}

/// <summary>The transforms themselves, usable on their own.</summary>
internal static partial class ValueTransforms
{
    /// <summary>How contactSPACE wants date-times (callbackdatetime and beta functions).</summary>
    public const string ContactSpaceDateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly PhoneNumberUtil _phoneUtil = PhoneNumberUtil.GetInstance();

    // Local (zone-less) formats seen in forms and CRMs; day-first as in Australia, then ISO without an offset.
    private static readonly string[] _localFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "dd/MM/yyyy h:mm tt", "d/M/yyyy h:mm tt",
        "dd/MM/yyyy hh:mmtt", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy HH:mm", "dd.MM.yyyy HH:mm", "MMMM d, yyyy h:mm tt", "MMMM d, yyyy",
    ];

    /// <summary>A phone number as contactSPACE wants it: E.164 digits without the plus (<c>61414616126</c>).</summary>
    public static TransformResult Phone(string value, string defaultRegion)
    {
        try
        {
            var number = _phoneUtil.Parse(value, defaultRegion);
            if (!_phoneUtil.IsValidNumber(number))
            {
                return TransformResult.Fail(ProblemCodes.InvalidPhone, $"'{value}' is not a valid phone number for region {defaultRegion}.");
            }

            return new(_phoneUtil.Format(number, PhoneNumberFormat.E164).TrimStart('+'));
        }
        catch (NumberParseException)
        {
            return TransformResult.Fail(ProblemCodes.InvalidPhone, $"'{value}' is not a phone number.");
        }
    }

    public static bool IsSupportedRegion(string region) => _phoneUtil.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>Splits a full name: "Surname, First" is honoured; otherwise the first word is the first name and the rest the surname.</summary>
    public static (string First, string Last) SplitName(string fullName)
    {
        var name = Whitespace().Replace(fullName.Trim(), " ");
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            return (name[(comma + 1)..].Trim(), name[..comma].Trim());
        }

        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (name, string.Empty) : (name[..space], name[(space + 1)..]);
    }

    /// <summary>
    /// Reads a date-time and returns it as wall-clock time in the account's zone. A value with an offset (ISO 8601
    /// <c>Z</c>/<c>+10:00</c>) or Unix seconds/milliseconds is converted; a value without one is taken as already
    /// in the account's zone.
    /// </summary>
    public static DateTime? ToAccountTime(string value, TimeZoneInfo accountZone)
    {
        value = value.Trim();
        if (value.Length >= 9 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            var instant = value.Length >= 13 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
            return TimeZoneInfo.ConvertTime(instant, accountZone).DateTime;
        }

        if (HasOffset().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
        {
            return TimeZoneInfo.ConvertTime(withOffset, accountZone).DateTime;
        }

        if (DateTime.TryParseExact(value, _localFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        }

        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}

using System.Globalization;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>
/// The parameters of one API call (query string, plus form fields for a POST). Names are matched
/// case-insensitively: the guide itself writes both <c>initiativeid</c> and <c>initiativeID</c>.
/// Bad values become the service's failure answer, never an HTTP error.
/// </summary>
public sealed class ApiRequest(IReadOnlyDictionary<string, string> parameters)
{
    private static readonly string[] _dateTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public string Function => Optional("function") ?? string.Empty;

    /// <summary>Skill functions answer JSON unless <c>outputtype=xml</c>.</summary>
    public bool WantsXml => string.Equals(Optional("outputtype"), "xml", StringComparison.OrdinalIgnoreCase);

    public string? Optional(string name)
        => Parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Required(string name) => Optional(name) ?? throw new ContactSpaceFailureException($"Missing parameter: {name}");

    public long RequiredId(string name) => OptionalId(name) ?? throw new ContactSpaceFailureException($"Missing parameter: {name}");

    public long? OptionalId(string name)
    {
        // contactSPACE clients send "null" for an absent optional id (the guide: "it could be null").
        var text = Optional(name);
        if (text is null || string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ContactSpaceFailureException($"Invalid {name}");
    }

    public double RequiredNumber(string name)
        => double.TryParse(Required(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ContactSpaceFailureException($"Invalid {name}");

    public bool RequiredFlag(string name) => Required(name) switch
    {
        "1" => true,
        "0" => false,
        _ => throw new ContactSpaceFailureException($"Invalid {name}: use 1 or 0"),
    };

    /// <summary>A date the way section 2 wants it: <c>YYYY-MM-DD</c>, no time.</summary>
    public DateOnly RequiredDate(string name)
        => DateOnly.TryParseExact(Required(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ContactSpaceFailureException($"Invalid {name}: dates must be YYYY-MM-DD");

    /// <summary>A date/time the way section 3 wants it: <c>YYYY-MM-DD HH:MM:SS</c> (a bare date is midnight).</summary>
    public DateTime RequiredDateTime(string name)
        => DateTime.TryParseExact(Required(name), _dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
            : throw new ContactSpaceFailureException($"Invalid {name}: use YYYY-MM-DD HH:MM:SS");

    public DateOnly RequiredDay(string name) => DateOnly.FromDateTime(RequiredDateTime(name));
}

using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ContactSpace.Client.Xml;

/// <summary>
/// Reads contactSPACE answers. Element names are matched case-insensitively because the guide's samples mix
/// <c>Id</c> and <c>id</c>. Anything missing or unreadable is a malformed answer: transient, and the call may have been applied.
/// </summary>
internal static partial class Answer
{
    private static readonly string[] _dateTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd"];

    /// <summary>
    /// Throws when the answer carries a message that is not <c>Success</c> (contactSPACE fails with HTTP 200 and a message).
    /// Returns the message, or null when there is none.
    /// </summary>
    public static string? ThrowIfFailed(string function, XElement root)
    {
        var message = OutcomeMessage(root);
        if (message is not null && !IsSuccess(message))
        {
            throw Rejected(function, message);
        }

        return message;
    }

    /// <summary>For writes: the answer must say <c>Success</c>.</summary>
    public static void RequireSuccess(string function, XElement root)
    {
        if (ThrowIfFailed(function, root) is null)
        {
            throw Malformed(function, "the answer has no outcome message");
        }
    }

    /// <summary>For inserts: the answer must say <c>Success</c> and carry the new record's id.</summary>
    public static long RequireInsertedId(string function, XElement root)
    {
        RequireSuccess(function, root);
        var outcome = root.DescendantsAndSelf().First(e => Is(e, "outcome") && Child(e, "message") is not null);
        return Long(function, Child(outcome, "id"), "outcome id");
    }

    public static bool IsSuccess(string message) => string.Equals(message.Trim(), "Success", StringComparison.OrdinalIgnoreCase);

    /// <summary>The service's message: <c>outcome/message</c> anywhere, or a <c>message</c>/<c>error</c> directly under the root.</summary>
    public static string? OutcomeMessage(XElement root)
    {
        var message = root.DescendantsAndSelf()
            .Where(e => Is(e, "outcome"))
            .Select(e => Child(e, "message"))
            .FirstOrDefault(m => m is not null)
            ?? Child(root, "message")
            ?? Child(root, "error");
        return message?.Value.Trim();
    }

    /// <summary>A failure message from the service: permanent, unless it says to come back later.</summary>
    public static ContactSpaceException Rejected(string function, string message, int? httpStatus = 200)
    {
        var transient = TransientMessage().IsMatch(message);
        return new ContactSpaceException(
            function,
            $"{function} failed: contactSPACE answered \"{message}\".",
            new ContactSpaceFailure(httpStatus, message, IsTransient: transient, RequestSent: true, MayHaveBeenApplied: false));
    }

    public static ContactSpaceException Malformed(string function, string problem, int? httpStatus = 200, Exception? inner = null)
        => new(
            function,
            $"{function} failed: the answer could not be read ({problem}); the call may have been applied.",
            new ContactSpaceFailure(httpStatus, null, IsTransient: true, RequestSent: true, MayHaveBeenApplied: true),
            inner);

    public static bool Is(XElement element, string name)
        => string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);

    public static XElement? Child(XElement element, string name)
        => element.Elements().FirstOrDefault(e => Is(e, name));

    public static IEnumerable<XElement> All(XElement root, string name)
        => root.Descendants().Where(e => Is(e, name));

    public static long Long(string function, XElement? element, string what)
        => long.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed(function, element is null ? $"no {what}" : $"{what} is not a number");

    public static long? OptionalLong(string function, XElement? element, string what)
        => string.IsNullOrWhiteSpace(element?.Value) ? null : Long(function, element, what);

    public static string Text(string function, XElement? element, string what)
        => element?.Value.Trim() ?? throw Malformed(function, $"no {what}");

    public static DateTime Time(string function, XElement? element, string what)
    {
        var text = Text(function, element, what);
        // Values may wrap across lines (the guide's own sample does); collapse whitespace before parsing.
        var compact = Whitespace().Replace(text, " ");
        return DateTime.TryParseExact(compact, _dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Malformed(function, $"{what} '{compact}' is not a date and time");
    }

    public static DateTime? OptionalTime(string function, XElement? element, string what)
        => string.IsNullOrWhiteSpace(element?.Value) || element.Value.Trim().StartsWith("0000-00-00", StringComparison.Ordinal)
            ? null
            : Time(function, element, what);

    /// <summary>Reads a <c>record</c> element: <c>Id</c> becomes the id, every other child a field.</summary>
    public static ContactSpaceRecord Record(string function, XElement record)
    {
        long? id = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in record.Elements())
        {
            if (string.Equals(field.Name.LocalName, "Id", StringComparison.Ordinal))
            {
                id = Long(function, field, "record Id");
                continue;
            }

            fields[field.Name.LocalName] = field.Value;
        }

        return new ContactSpaceRecord(id, fields);
    }

    /// <summary>
    /// Every record in an answer: <c>record</c> elements whose children are all plain fields. An insert's
    /// <c>record/outcome</c> or CreateDataSet's <c>record/datasets</c> have nested elements and are not records.
    /// </summary>
    public static IReadOnlyList<ContactSpaceRecord> Records(string function, XElement root)
        => All(root, "record")
            .Where(r => r.HasElements && !r.Elements().Any(e => e.HasElements))
            .Select(r => Record(function, r))
            .ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Messages that say "not now" rather than "never": worth another try later.
    [GeneratedRegex("too many requests|rate limit|try again|temporarily|timeout|timed out|deadlock|lock wait", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransientMessage();
}

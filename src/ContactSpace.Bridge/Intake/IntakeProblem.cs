namespace ContactSpace.Bridge.Intake;

/// <summary>One thing wrong with a post: the field (or <c>body</c>, <c>route</c>, <c>auth</c>) it concerns, a stable
/// code (used as the redirect's <c>reason</c>) and a message a sender can act on.</summary>
public sealed record IntakeProblem(string Field, string Code, string Message);

/// <summary>Why a post was refused: the HTTP status and every problem found.</summary>
public sealed record IntakeRejection(int Status, string Title, IReadOnlyList<IntakeProblem> Problems)
{
    /// <summary>The first problem's code: what a redirect's <c>reason</c> carries.</summary>
    public string Reason => Problems.Count > 0 ? Problems[0].Code : "rejected";

    public static IntakeRejection One(int status, string title, string field, string code, string message)
        => new(status, title, [new IntakeProblem(field, code, message)]);
}

/// <summary>Problem codes, stable for senders and redirect pages.</summary>
public static class ProblemCodes
{
    public const string UnknownRoute = "unknown_route";
    public const string Unauthorized = "unauthorized";
    public const string TooLarge = "too_large";
    public const string TooManyFields = "too_many_fields";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string UnsupportedCharset = "unsupported_charset";
    public const string Malformed = "malformed";
    public const string Empty = "empty";
    public const string Missing = "missing";
    public const string InvalidPhone = "invalid_phone";
    public const string InvalidDate = "invalid_date";
    public const string InvalidValue = "invalid_value";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string Rejected = "rejected";
    public const string InFlight = "in_flight";
    public const string KeyReused = "key_reused";
    public const string Unavailable = "unavailable";
}

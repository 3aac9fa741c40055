namespace ContactSpace.Client;

/// <summary>
/// The one exception every failed contactSPACE call raises. Its message never contains the API key.
/// </summary>
public class ContactSpaceException : Exception
{
    public ContactSpaceException()
    {
        FunctionName = string.Empty;
    }

    public ContactSpaceException(string message)
        : base(message)
    {
        FunctionName = string.Empty;
    }

    public ContactSpaceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FunctionName = string.Empty;
    }

    public ContactSpaceException(
        string functionName,
        string message,
        ContactSpaceFailure failure,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(failure);
        FunctionName = functionName;
        HttpStatus = failure.HttpStatus;
        ServiceMessage = failure.ServiceMessage;
        IsTransient = failure.IsTransient;
        RequestSent = failure.RequestSent;
        MayHaveBeenApplied = failure.MayHaveBeenApplied;
        RetryAfter = failure.RetryAfter;
    }

    /// <summary>The contactSPACE function that failed, e.g. <c>InsertRecord</c>.</summary>
    public string FunctionName { get; }

    /// <summary>The HTTP status of the answer, or null when no answer came.</summary>
    public int? HttpStatus { get; }

    /// <summary>contactSPACE's own message (e.g. <c>Unknown column 'X' in 'field list'</c>), when it sent one.</summary>
    public string? ServiceMessage { get; }

    /// <summary>True when trying the same call later may succeed (timeouts, connection errors, 5xx, 429, malformed answers).</summary>
    public bool IsTransient { get; }

    /// <summary>False when the call was refused before anything left the process: nothing can have landed.</summary>
    public bool RequestSent { get; }

    /// <summary>True when the request may have been applied although it failed (timeout, dropped connection, 5xx, malformed answer).</summary>
    public bool MayHaveBeenApplied { get; }

    /// <summary>How long contactSPACE asked the caller to wait (429 <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>How a call failed: the classification a <see cref="ContactSpaceException"/> carries.</summary>
/// <param name="HttpStatus">The HTTP status of the answer, or null when no answer came.</param>
/// <param name="ServiceMessage">contactSPACE's own message, when it sent one.</param>
/// <param name="IsTransient">Whether the same call may succeed later.</param>
/// <param name="RequestSent">Whether anything left the process.</param>
/// <param name="MayHaveBeenApplied">Whether the call may have taken effect although it failed.</param>
/// <param name="RetryAfter">How long contactSPACE asked the caller to wait.</param>
public sealed record ContactSpaceFailure(
    int? HttpStatus,
    string? ServiceMessage,
    bool IsTransient,
    bool RequestSent,
    bool MayHaveBeenApplied,
    TimeSpan? RetryAfter = null);

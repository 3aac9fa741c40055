using Microsoft.Extensions.Logging;

namespace ContactSpace.Client.Transport;

/// <summary>The client's log lines. Every URL passed here has been through <see cref="UrlRedactor"/>.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Calling contactSPACE {Function}: GET {RedactedUrl}")]
    public static partial void Sending(ILogger logger, string function, string redactedUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "contactSPACE {Function} answered HTTP {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void Answered(ILogger logger, string function, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "contactSPACE {Function} failed (transient: {IsTransient}, sent: {RequestSent}, may have been applied: {MayHaveBeenApplied}): {Reason} URL {RedactedUrl}")]
    public static partial void Failed(ILogger logger, string function, bool isTransient, bool requestSent, bool mayHaveBeenApplied, string reason, string redactedUrl);
}

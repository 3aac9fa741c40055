using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Intake;

/// <summary>Intake's log lines. None carries a secret, a signature or personal data.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Intake: no route named {Route}")]
    public static partial void UnknownRoute(ILogger logger, string route);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Intake: authentication failed on route {Route} ({Scheme}): {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string route, AuthScheme scheme, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Intake: post to route {Route} refused with {Status}: {Codes}")]
    public static partial void Refused(ILogger logger, string route, int status, string codes);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Intake: honeypot field filled on route {Route}; answered as success and dropped")]
    public static partial void HoneypotTripped(ILogger logger, string route);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Intake: lead {LeadId} on route {Route} {Status} (repeat: {IsRepeat})")]
    public static partial void Accepted(ILogger logger, string? leadId, string route, Bridge.Leads.AcceptanceStatus status, bool isRepeat);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Intake: accepting a lead on route {Route} failed unexpectedly; answered 503")]
    public static partial void AcceptorFailed(ILogger logger, string route, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Intake: CORS preflight on route {Route} from origin {Origin} refused")]
    public static partial void PreflightRefused(ILogger logger, string route, string? origin);
}

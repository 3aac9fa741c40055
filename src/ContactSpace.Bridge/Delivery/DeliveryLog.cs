using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Every lead transition, as structured events. Only lead ids, routes, counts, times and data-free error
/// descriptions: never field values, bodies or contactSPACE's messages (they can quote the values).
/// </summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Lead {LeadId} received on route {Route}")]
    public static partial void Received(ILogger logger, string leadId, string route);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Lead {LeadId} on route {Route} repeated within its idempotency window: answered {Status}")]
    public static partial void Repeated(ILogger logger, string leadId, string route, string status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Idempotency key on route {Route} reused with a different payload (lead {LeadId})")]
    public static partial void KeyReused(ILogger logger, string route, string leadId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Lead {LeadId} on route {Route} is still in flight")]
    public static partial void InFlight(ILogger logger, string leadId, string route);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Lead {LeadId} on route {Route} was abandoned by its first attempt; taking it over through the queue")]
    public static partial void TakenOver(ILogger logger, string leadId, string route);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Lead {LeadId} on route {Route} delivered as record {RecordId} after {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, string leadId, string route, long recordId, int attempts);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Lead {LeadId} on route {Route} was already a record ({RecordId}) after an ambiguous failure: adopted it instead of inserting again")]
    public static partial void DuplicateAdopted(ILogger logger, string leadId, string route, long recordId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Lead {LeadId} on route {Route} is record {RecordId} but its row could not be updated")]
    public static partial void DeliveredButNotRecorded(ILogger logger, Exception exception, string leadId, string route, long recordId);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Observer {Observer} failed for delivered lead {LeadId}")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string leadId);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Lead {LeadId} on route {Route} queued: attempt {Attempts} failed ({Error}); next attempt at {NextAttemptAt:o}, check first: {CheckFirst}")]
    public static partial void Queued(ILogger logger, string leadId, string route, int attempts, string error, DateTimeOffset nextAttemptAt, bool checkFirst);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Lead {LeadId} on route {Route} has no dedupe field and its last attempt may have landed: inserting again, flagged as a possible duplicate")]
    public static partial void PossibleDuplicate(ILogger logger, string leadId, string route);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Debug, Message = "Delivery message for lead {LeadId} skipped: {Why}")]
    public static partial void MessageSkipped(ILogger logger, string leadId, string why);

    [LoggerMessage(EventId = 3130, Level = LogLevel.Warning, Message = "Lead {LeadId} on route {Route} dead-lettered ({Reason}) after {Attempts} attempt(s)")]
    public static partial void DeadLettered(ILogger logger, string leadId, string route, DeadLetterReason reason, int attempts);

    [LoggerMessage(EventId = 3131, Level = LogLevel.Warning, Message = "Unreadable delivery message dead-lettered as {DeadLetterId} ({Detail})")]
    public static partial void UnreadableMessage(ILogger logger, string deadLetterId, string detail);

    [LoggerMessage(EventId = 3140, Level = LogLevel.Error, Message = "Storage is unavailable while accepting a lead on route {Route}: answering 503")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string route);

    [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Dead letter {DeadLetterId} replayed as lead {LeadId} on route {Route}")]
    public static partial void Replayed(ILogger logger, string deadLetterId, string leadId, string route);

    [LoggerMessage(EventId = 3151, Level = LogLevel.Information, Message = "Dead letter {DeadLetterId} discarded")]
    public static partial void Discarded(ILogger logger, string deadLetterId);

    [LoggerMessage(EventId = 3160, Level = LogLevel.Information, Message = "Personal data removed from {Count} lead(s) older than {Retention}")]
    public static partial void Purged(ILogger logger, int count, TimeSpan retention);
}

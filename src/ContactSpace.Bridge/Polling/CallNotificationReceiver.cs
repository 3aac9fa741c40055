using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactSpace.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.Polling;

/// <summary>
/// <c>POST /api/contactspace/calls</c> (the <c>ReceiveCallNotification</c> function): contactSPACE posts a
/// <c>CallID</c> form field after a call. The call's record (GetRecord) leads to our lead, GetLastCall gives its
/// outcome, and the lead is updated at once; a final outcome ends polling for it. Authenticated by a shared
/// secret in <c>?secret=</c> or the <c>X-Bridge-Secret</c> header, compared in constant time.
/// </summary>
public sealed partial class CallNotificationReceiver(
    ContactSpaceClient client,
    CallOutcomeTracker tracker,
    CallOutcomeRecorder recorder,
    PollingTables tables,
    IOptions<PollingOptions> options,
    ILogger<CallNotificationReceiver> logger)
{
    public const string SecretHeader = "X-Bridge-Secret";
    public const string SecretQueryParameter = "secret";
    public const string CallIdField = "CallID";

    // At most this many of a record's field values are tried as lead ids when the record id is not indexed.
    private const int MaxFieldLookups = 5;

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAuthenticated(request))
        {
            LogRejected(logger);
            return ProblemResults.Create(StatusCodes.Status401Unauthorized, "Missing or wrong secret.");
        }

        if (!request.HasFormContentType)
        {
            return ProblemResults.Create(StatusCodes.Status415UnsupportedMediaType, "Expected a form post.", $"Send application/x-www-form-urlencoded or multipart/form-data with a {CallIdField} field.");
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var raw = form[CallIdField].ToString();
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var callId) || callId <= 0)
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, $"Invalid {CallIdField}.", $"{CallIdField} must be a positive whole number.");
        }

        try
        {
            return await ApplyAsync(callId, cancellationToken).ConfigureAwait(false);
        }
        catch (ContactSpaceException ex) when (ex.IsTransient)
        {
            LogLookupFailed(logger, callId, ex.FunctionName, ex.HttpStatus);
            var unavailable = ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, "contactSPACE is unavailable; polling will catch up.");
            request.HttpContext.Response.Headers.RetryAfter = ((int)(ex.RetryAfter ?? TimeSpan.FromSeconds(30)).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return unavailable;
        }
        catch (ContactSpaceException ex)
        {
            LogLookupFailed(logger, callId, ex.FunctionName, ex.HttpStatus);
            return ProblemResults.Create(StatusCodes.Status502BadGateway, "contactSPACE refused the lookup.", ex.ServiceMessage);
        }
    }

    private async Task<IActionResult> ApplyAsync(long callId, CancellationToken cancellationToken)
    {
        var record = await client.GetRecordAsync(callId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, "Unknown call.", $"contactSPACE has no record for call {callId}.");
        }

        var lead = await FindLeadAsync(record, cancellationToken).ConfigureAwait(false);
        if (lead is null)
        {
            // Calls on records the bridge did not create are normal: acknowledge so contactSPACE does not retry.
            LogNotOurs(logger, callId);
            return new OkObjectResult(new CallNotificationResponse(callId, null, false, null, null, null, false));
        }

        var calls = await client.GetLastCallAsync(lead.InitiativeId, lead.RecordId, cancellationToken).ConfigureAwait(false);
        var resolved = await recorder.ResolveAsync(lead.PartitionKey, lead.InitiativeId, calls, "push", cancellationToken).ConfigureAwait(false);
        LeadSchedule? schedule = null;
        if (resolved?.Latest.IsFinal == true)
        {
            await CancelScheduleAsync(lead, cancellationToken).ConfigureAwait(false);
            schedule = new LeadSchedule(OutcomeTrackingState.Final, null);
        }

        await recorder.WriteAsync(lead.PartitionKey, resolved, schedule, cancellationToken).ConfigureAwait(false);
        var latest = resolved?.Latest;
        LogApplied(logger, callId, lead.PartitionKey, latest?.OutcomeId, latest?.IsFinal ?? false);
        return new OkObjectResult(new CallNotificationResponse(callId, lead.PartitionKey, latest is not null, latest?.OutcomeId, latest?.OutcomeName, latest?.CompletedAt, latest?.IsFinal ?? false));
    }

    private async Task<TrackedLeadEntity?> FindLeadAsync(ContactSpaceRecord record, CancellationToken cancellationToken)
    {
        if (record.Id is { } recordId && await tracker.FindLeadIdByRecordAsync(recordId, cancellationToken).ConfigureAwait(false) is { } indexed)
        {
            return await tracker.FindLeadAsync(indexed, cancellationToken).ConfigureAwait(false);
        }

        // No record id in the answer: the route's dedupe field holds the lead id, so try the record's values.
        foreach (var value in record.Fields.Values.Where(CallOutcomeTracker.IsValidKey).Distinct(StringComparer.Ordinal).Take(MaxFieldLookups))
        {
            if (await tracker.FindLeadAsync(value, cancellationToken).ConfigureAwait(false) is { } lead)
            {
                return lead;
            }
        }

        return null;
    }

    private async Task CancelScheduleAsync(TrackedLeadEntity lead, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(lead.DueKey))
        {
            return;
        }

        var state = await tables.GetAsync(PollingTables.PollingState).ConfigureAwait(false);
        await state.DeleteEntityAsync(OutcomeDueEntity.Partition, lead.DueKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
    }

    private bool IsAuthenticated(HttpRequest request)
    {
        var expected = options.Value.PushSecret;
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var presented = request.Headers[SecretHeader].ToString();
        if (presented.Length == 0)
        {
            presented = request.Query[SecretQueryParameter].ToString();
        }

        // Hashing first makes the comparison constant-time regardless of length.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call notification rejected: missing or wrong secret.")]
    private static partial void LogRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call notification for call {CallId}: {Function} failed (HTTP {HttpStatus}).")]
    private static partial void LogLookupFailed(ILogger logger, long callId, string function, int? httpStatus);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call notification for call {CallId}: the record is not a lead of ours.")]
    private static partial void LogNotOurs(ILogger logger, long callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call notification for call {CallId} updated lead {LeadId}: outcome {OutcomeId}, final: {IsFinal}.")]
    private static partial void LogApplied(ILogger logger, long callId, string leadId, long? outcomeId, bool isFinal);
}

/// <summary>The push receiver's answer: which lead the call was on and its latest outcome.</summary>
public sealed record CallNotificationResponse(
    long CallId,
    string? LeadId,
    bool Updated,
    long? OutcomeId,
    string? OutcomeName,
    DateTimeOffset? CompletedAt,
    bool IsFinal);

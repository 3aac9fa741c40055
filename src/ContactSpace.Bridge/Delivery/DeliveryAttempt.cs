using ContactSpace.Bridge.Leads;
using ContactSpace.Client;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// One try at turning a lead into a record: when the previous try may have landed, look for the record first
/// (by the dedupe field) and adopt it; otherwise insert. Classifies every failure; never touches storage.
/// </summary>
internal sealed class DeliveryAttempt(RecordInserter inserter)
{
    /// <param name="leadId">The lead id (written into the dedupe field).</param>
    /// <param name="lead">The mapped lead.</param>
    /// <param name="checkFirst">Whether an earlier attempt may have created the record.</param>
    /// <param name="attemptToken">Ends the attempt (budget or attempt timeout, or the caller).</param>
    /// <param name="hostToken">The host shutting down: the cancellation propagates instead of counting as a failure.</param>
    public async Task<AttemptOutcome> RunAsync(
        string leadId, MappedLead lead, bool checkFirst, CancellationToken attemptToken, CancellationToken hostToken)
    {
        var searched = false;
        try
        {
            if (checkFirst && lead.DedupeField is not null)
            {
                var existing = await inserter.FindExistingAsync(lead, leadId, attemptToken).ConfigureAwait(false);
                searched = true;
                if (existing is { } found)
                {
                    return new AttemptOutcome.Delivered(found, Adopted: true);
                }
            }

            var recordId = await inserter.InsertAsync(lead, leadId, attemptToken).ConfigureAwait(false);
            return new AttemptOutcome.Delivered(recordId, Adopted: false);
        }
        catch (ContactSpaceException ex)
        {
            var error = Describe(ex);

            // The earlier ambiguity stands until a search has shown the record is not there.
            var stillAmbiguous = ex.MayHaveBeenApplied || (checkFirst && !searched);
            return ex.IsTransient
                ? new AttemptOutcome.TransientFailure(error, ex.ServiceMessage, ex.RetryAfter, stillAmbiguous)
                : new AttemptOutcome.PermanentFailure(DeadLetterReason.Rejected, error, ex.ServiceMessage);
        }
        catch (OperationCanceledException) when (!hostToken.IsCancellationRequested)
        {
            // Out of time: the request may be on the wire or applied already, so the next attempt checks first.
            return new AttemptOutcome.TransientFailure("Timed out", null, null, CheckFirst: true);
        }
        catch (LeadNotDeliverableException ex)
        {
            return new AttemptOutcome.PermanentFailure(DeadLetterReason.NotDeliverable, ex.Message, null);
        }
    }

    // Data-free: the function and the status, never the service message (it can quote field values).
    private static string Describe(ContactSpaceException ex) =>
        ex.HttpStatus is { } status
            ? $"{ex.FunctionName} failed (HTTP {status.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : ex.RequestSent ? $"{ex.FunctionName} failed (no answer)" : $"{ex.FunctionName} not sent";
}

/// <summary>What one attempt came to.</summary>
internal abstract record AttemptOutcome
{
    public sealed record Delivered(long RecordId, bool Adopted) : AttemptOutcome;

    /// <param name="Error">A short, data-free description.</param>
    /// <param name="ServiceMessage">contactSPACE's message, if any.</param>
    /// <param name="RetryAfter">The wait contactSPACE asked for.</param>
    /// <param name="CheckFirst">The record may exist: the next attempt must search first.</param>
    public sealed record TransientFailure(string Error, string? ServiceMessage, TimeSpan? RetryAfter, bool CheckFirst) : AttemptOutcome;

    public sealed record PermanentFailure(DeadLetterReason Reason, string Error, string? ServiceMessage) : AttemptOutcome;
}

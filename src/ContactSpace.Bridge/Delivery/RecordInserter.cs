using ContactSpace.Bridge.Leads;
using ContactSpace.Client;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// Turns a mapped lead into a contactSPACE record with the insert function its mode calls for, writing the lead id
/// into the route's dedupe field so the record can be found again after an ambiguous failure.
/// </summary>
public sealed class RecordInserter(ContactSpaceClient client, IEnumerable<IHotLeadAgentSelector> agentSelectors)
{
    private readonly IHotLeadAgentSelector? _agentSelector = agentSelectors.FirstOrDefault();

    public async Task<long> InsertAsync(MappedLead lead, string leadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var fields = FieldsWithLeadId(lead, leadId);
        switch (lead.Mode)
        {
            case InsertMode.Auto when lead is { CallbackAt: not null, UserId: not null }:
            case InsertMode.InsertRecordWithCallback:
                if (lead.CallbackAt is not { } callbackAt || lead.UserId is not { } callbackUser)
                {
                    throw new LeadNotDeliverableException("InsertRecordWithCallback needs a callback time and a user; the lead has not both.");
                }

                return await client.InsertRecordWithCallbackAsync(lead.DatasetId, callbackUser, callbackAt, fields, cancellationToken).ConfigureAwait(false);

            case InsertMode.InsertNextRecord:
                if (lead.UserId is not { } user)
                {
                    throw new LeadNotDeliverableException("InsertNextRecord needs a user; the route configures none.");
                }

                return await client.InsertNextRecordAsync(lead.DatasetId, user, fields, cancellationToken).ConfigureAwait(false);

            case InsertMode.HotLead:
                var agent = await PickAgentAsync(lead, cancellationToken).ConfigureAwait(false);
                return agent is { } agentId
                    ? await client.InsertNextRecordAsync(lead.DatasetId, agentId, fields, cancellationToken).ConfigureAwait(false)
                    : await client.InsertRecordAsync(lead.DatasetId, fields, cancellationToken).ConfigureAwait(false);

            default:
                return await client.InsertRecordAsync(lead.DatasetId, fields, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The record an earlier attempt created for this lead, found by the dedupe field; null when there is none.</summary>
    public async Task<long?> FindExistingAsync(MappedLead lead, string leadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.DedupeField is not { } field)
        {
            return null;
        }

        var match = new Dictionary<string, string>(StringComparer.Ordinal) { [field] = leadId };
        var records = await client.SearchRecordAsync(lead.InitiativeId, lead.DatasetId, match, cancellationToken).ConfigureAwait(false);

        // Trust the field, not only the search: a record counts when it carries this lead id.
        return records
            .Where(r => r.Id is not null && (!r.Fields.TryGetValue(field, out var value) || string.Equals(value, leadId, StringComparison.Ordinal)))
            .Select(r => r.Id)
            .Min();
    }

    private async Task<long?> PickAgentAsync(MappedLead lead, CancellationToken cancellationToken)
    {
        if (_agentSelector is null)
        {
            return null;
        }

        try
        {
            return await _agentSelector.PickAgentAsync(lead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No agent pick (its table unreachable, say) must not hold the lead back: it goes in as a plain record.
            return null;
        }
    }

    private static Dictionary<string, string> FieldsWithLeadId(MappedLead lead, string leadId)
    {
        var fields = new Dictionary<string, string>(lead.Fields, StringComparer.Ordinal);
        if (lead.DedupeField is { } field)
        {
            fields[field] = leadId;
        }

        return fields;
    }
}

/// <summary>The lead cannot be sent as mapped; no contactSPACE call was made. Permanent until the route is fixed.</summary>
public sealed class LeadNotDeliverableException : Exception
{
    public LeadNotDeliverableException()
    {
    }

    public LeadNotDeliverableException(string message)
        : base(message)
    {
    }

    public LeadNotDeliverableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

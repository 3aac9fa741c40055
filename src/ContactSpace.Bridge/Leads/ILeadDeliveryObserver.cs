namespace ContactSpace.Bridge.Leads;

/// <summary>
/// Told when a lead becomes a record, so call-outcome polling can start. Implemented by the pollers; delivery
/// calls every registered observer after the Leads row says Delivered (an observer failure never undoes that).
/// </summary>
public interface ILeadDeliveryObserver
{
    Task OnDeliveredAsync(DeliveredLead lead, CancellationToken cancellationToken);
}

public sealed record DeliveredLead(string LeadId, string Route, long? InitiativeId, long DatasetId, long RecordId, DateTimeOffset DeliveredAt);

using System.Diagnostics.Metrics;

namespace ContactSpace.Bridge.Delivery;

/// <summary>Counters for each lead transition on the bridge's meter, tagged with the route only.</summary>
public sealed class DeliveryMetrics
{
    public const string MeterName = "ContactSpace.Bridge";

    private readonly Counter<long> _received;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _duplicatesAdopted;

    public DeliveryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("bridge.leads.received", "{lead}", "Leads accepted for delivery (repeats not counted).");
        _delivered = meter.CreateCounter<long>("bridge.leads.delivered", "{lead}", "Leads that became a contactSPACE record.");
        _retried = meter.CreateCounter<long>("bridge.leads.retried", "{lead}", "Failed attempts queued for another try.");
        _deadLettered = meter.CreateCounter<long>("bridge.leads.dead_lettered", "{lead}", "Leads moved to the DeadLetters table.");
        _duplicatesAdopted = meter.CreateCounter<long>("bridge.leads.duplicates_adopted", "{lead}", "Records found after an ambiguous failure and adopted instead of inserted again.");
    }

    public void Received(string route) => _received.Add(1, Route(route));

    public void Delivered(string route) => _delivered.Add(1, Route(route));

    public void Retried(string route) => _retried.Add(1, Route(route));

    public void DeadLettered(string route, DeadLetterReason reason) =>
        _deadLettered.Add(1, Route(route), new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void DuplicateAdopted(string route) => _duplicatesAdopted.Add(1, Route(route));

    private static KeyValuePair<string, object?> Route(string route) => new("route", route);
}

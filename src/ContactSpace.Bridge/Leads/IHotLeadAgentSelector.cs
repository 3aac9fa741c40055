namespace ContactSpace.Bridge.Leads;

/// <summary>
/// Picks the available agent who has waited longest for a hot lead (<see cref="InsertMode.HotLead"/>), from the
/// AgentStatus table. Null when nobody is available: delivery then falls back to InsertRecord. Implemented by the pollers.
/// </summary>
public interface IHotLeadAgentSelector
{
    Task<long?> PickAgentAsync(MappedLead lead, CancellationToken cancellationToken);
}

using System.Globalization;
using System.Xml.Linq;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>Elements shaped like the guide's samples.</summary>
internal static class XmlShapes
{
    public static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>&lt;records&gt;</c> as SearchRecord, GetData and GetRecord answer them.</summary>
    public static XElement Records(IEnumerable<SimRecord> records, Func<long, SimUser?>? agentOf = null)
        => new("records", records.Select(r => Record(r, agentOf)));

    /// <summary>
    /// One record: system columns first (outcome columns only once there is an outcome), then the fields
    /// that hold a value, then the outcome's flags, as in the guide's SearchRecord sample.
    /// </summary>
    public static XElement Record(SimRecord record, Func<long, SimUser?>? agentOf = null)
    {
        var element = new XElement(
            "record",
            new XElement("Id", Number(record.Id)),
            new XElement($"cs_{Number(record.InitiativeId)}_original_id", Number(record.Id)));
        if (record.Outcome is not null)
        {
            element.Add(
                new XElement("OutcomeId", Number(record.Outcome.Id)),
                new XElement("OutcomeUpdateDateTime", record.OutcomeUpdatedAt is { } at ? Timestamp(at) : string.Empty));
        }

        if (record.Outcome is not null || record.AssignedUserId is not null)
        {
            element.Add(new XElement("Assigned", "1"));
        }

        element.Add(new XElement("Attempts", record.Attempts.ToString(CultureInfo.InvariantCulture)));
        element.Add(record.Fields.Select(f => new XElement(f.Key, f.Value)));
        if (record.Outcome is { } outcome)
        {
            var agentCallback = outcome.IsCallback && record.AssignedUserId is not null;
            element.Add(
                new XElement("Outcome", outcome.Name),
                Flag("IsContact", outcome.IsContact),
                Flag("IsComplete", outcome.IsFinal),
                Flag("IsDMContact", outcome.IsContact),
                Flag("IsEmail", false),
                Flag("IsAgentCallback", agentCallback),
                Flag("IsInitiativeCallback", outcome.IsCallback && !agentCallback));
        }

        if (agentOf is not null && record.LastCall is { } call && agentOf(call.UserId) is { } agent)
        {
            element.Add(
                new XElement("AgentId", Number(agent.Id)),
                new XElement("AgentName", $"{agent.FirstName} {agent.Surname}"));
        }

        return element;
    }

    private static XElement Flag(string name, bool value) => new(name, value ? "1" : "0");
}

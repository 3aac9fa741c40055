using System.Xml.Linq;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>The functions about users, their activity and the initiative's caller id.</summary>
public sealed class AgentFunctions(SimulatorState state)
{
    public ApiAnswer GetUsers(ApiRequest request) => ApiAnswer.Xml(new XElement(
        "users",
        state.Users().Select(u => new XElement(
            "user",
            new XElement("Id", XmlShapes.Number(u.Id)),
            new XElement("Email", u.Email),
            new XElement("FirstName", u.FirstName),
            new XElement("Surname", u.Surname)))));

    public ApiAnswer GetAgentStatus(ApiRequest request)
        => ApiAnswer.Xml(new XElement("status", state.GetAgentStatus(request.RequiredId("userid"))));

    /// <summary>Ongoing periods have no <c>endtime</c>; periods not tied to a call have no <c>callid</c>.</summary>
    public ApiAnswer AgentStatusHistory(ApiRequest request)
    {
        var periods = state.StatusHistory(request.RequiredId("userid"), request.OptionalId("statusid"), request.RequiredDay("date"));
        return ApiAnswer.Xml(new XElement(
            "activities",
            periods.Select(p => new XElement(
                "activity",
                p.CallId is { } callId ? new XElement("callid", XmlShapes.Number(callId)) : null,
                new XElement("starttime", XmlShapes.Timestamp(p.Start)),
                p.End is { } end ? new XElement("endtime", XmlShapes.Timestamp(end)) : null,
                new XElement("detail", p.Status)))));
    }

    public ApiAnswer AgentFirstLastActivity(ApiRequest request)
    {
        var activity = state.FirstLastActivity(request.RequiredId("userid"), request.RequiredDay("date"));
        var activities = new XElement("activities");
        if (activity is { } span)
        {
            activities.Add(new XElement(
                "activity",
                new XElement("starttime", XmlShapes.Timestamp(span.Start)),
                span.End is { } end ? new XElement("endtime", XmlShapes.Timestamp(end)) : null));
        }

        return ApiAnswer.Xml(activities);
    }

    public ApiAnswer GetCLIs(ApiRequest request) => ApiAnswer.Xml(state.Clis()
        .Select(c => new XElement("cli", new XElement("id", XmlShapes.Number(c.Id)), new XElement("callerid", c.CallerId)))
        .ToArray<object>());

    public ApiAnswer UpdateCLI(ApiRequest request)
    {
        state.UpdateCli(request.RequiredId("initiativeid"), request.RequiredId("cliid"));
        return ApiAnswer.Succeeded();
    }
}

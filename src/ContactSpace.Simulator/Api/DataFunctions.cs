using System.Xml.Linq;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>The functions that read and write datasets, records, outcomes and calls.</summary>
public sealed class DataFunctions(SimulatorState state)
{
    public ApiAnswer CreateDataSet(ApiRequest request)
    {
        var dataset = state.CreateDataSet(
            request.RequiredId("initiativeid"), request.Required("datasetname"), request.RequiredFlag("active"));
        return ApiAnswer.Xml(new XElement(
            "record",
            new XElement("datasets", new XElement("dataset", new XElement("id", XmlShapes.Number(dataset.Id))))));
    }

    public ApiAnswer InsertRecord(ApiRequest request)
    {
        var fields = RecordXml.Parse(request.Optional("xmldata"));
        var record = state.InsertRecord(request.RequiredId("datasetid"), fields);
        return ApiAnswer.Xml(ApiAnswer.Success, new XElement("record", InsertedOutcome(record)));
    }

    public ApiAnswer InsertNextRecord(ApiRequest request)
    {
        var fields = RecordXml.Parse(request.Optional("xmldata"));
        var record = state.InsertRecord(request.RequiredId("datasetid"), fields, request.RequiredId("userid"));
        return ApiAnswer.Xml(ApiAnswer.Success, InsertedOutcome(record));
    }

    public ApiAnswer InsertRecordWithCallback(ApiRequest request)
    {
        var callbackAt = request.RequiredDateTime("callbackdatetime");
        var fields = RecordXml.Parse(request.Optional("xmldata"));
        var record = state.InsertRecord(request.RequiredId("datasetid"), fields, request.RequiredId("userid"), callbackAt);
        return ApiAnswer.Xml(ApiAnswer.Success, InsertedOutcome(record));
    }

    public ApiAnswer UpdateRecord(ApiRequest request)
    {
        var fields = RecordXml.Parse(request.Optional("xmldata"));
        state.UpdateRecord(request.RequiredId("initiativeid"), request.RequiredId("recordid"), fields);
        return ApiAnswer.Succeeded();
    }

    public ApiAnswer SetValue(ApiRequest request)
    {
        var (field, value) = FieldAssignment.Parse(request.Required("modulefieldupdate"));
        state.SetValueByCall(request.RequiredId("callid"), field, value);
        return ApiAnswer.Succeeded();
    }

    public ApiAnswer GetData(ApiRequest request) => ApiAnswer.Xml(XmlShapes.Records(RecordsInRange(request)));

    public ApiAnswer GetDataWithAgent(ApiRequest request)
        => ApiAnswer.Xml(XmlShapes.Records(RecordsInRange(request), AgentOf));

    public ApiAnswer GetRecord(ApiRequest request)
        => ApiAnswer.Xml(XmlShapes.Records([state.GetRecordByCall(request.RequiredId("callid"))]));

    public ApiAnswer SearchRecord(ApiRequest request)
    {
        var xmldata = request.Optional("xmldata");
        var match = xmldata is null ? [] : RecordXml.Parse(xmldata);
        var records = state.SearchRecords(request.OptionalId("initiativeid"), request.OptionalId("datasetid"), match);
        return ApiAnswer.Xml(XmlShapes.Records(records));
    }

    public ApiAnswer GetOutcome(ApiRequest request)
    {
        var outcomes = state.GetOutcomes(request.RequiredId("initiativeid"));
        return ApiAnswer.Xml(new XElement(
            "outcomes",
            outcomes.Select(o => new XElement("outcome", new XElement("Id", XmlShapes.Number(o.Id)), new XElement("Name", o.Name)))));
    }

    public ApiAnswer UpdateOutcome(ApiRequest request)
    {
        state.UpdateOutcome(request.RequiredId("initiativeid"), request.RequiredId("recordid"), request.RequiredId("outcomeid"));
        return ApiAnswer.Succeeded();
    }

    public ApiAnswer GetRecording(ApiRequest request)
        => ApiAnswer.Xml(new XElement("url", state.GetRecordingUrl(request.RequiredId("callid")).AbsoluteUri));

    public ApiAnswer GetLastCall(ApiRequest request)
    {
        var calls = state.CallsOnRecord(request.RequiredId("initiativeid"), request.RequiredId("recordid"));
        return ApiAnswer.Xml(new XElement(
            "lastcalldetails",
            calls.Select(c => new XElement(
                "outcome",
                new XElement("CallId", XmlShapes.Number(c.Id)),
                new XElement("UserId", XmlShapes.Number(c.UserId)),
                new XElement("OutcomeId", XmlShapes.Number(c.OutcomeId)),
                new XElement("CompletedDateTime", XmlShapes.Timestamp(c.CompletedAt))))));
    }

    public ApiAnswer GetCallIDs(ApiRequest request)
    {
        var ids = state.CallIds(
            request.RequiredId("initiativeid"), request.RequiredDateTime("fromdate"), request.RequiredDateTime("todate"));
        return ApiAnswer.Xml(new XElement("callids", ids.Select(id => new XElement("callid", XmlShapes.Number(id)))));
    }

    private static XElement InsertedOutcome(SimRecord record) => new(
        "outcome", new XElement("id", XmlShapes.Number(record.Id)), new XElement("message", ApiAnswer.Success));

    private IReadOnlyList<SimRecord> RecordsInRange(ApiRequest request)
        => state.RecordsModifiedBetween(request.RequiredId("moduleid"), request.RequiredDate("fromdate"), request.RequiredDate("todate"));

    private SimUser? AgentOf(long userId) => state.Users().FirstOrDefault(u => u.Id == userId);
}

using System.Globalization;
using System.Xml.Linq;

namespace ContactSpace.Simulator.Tests;

/// <summary>Section 2 of the guide: each function's answer has the shape of the guide's sample.</summary>
public sealed class ProductionFunctionTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    private const string Lead = "<record><First_Name>Luke</First_Name> <Surname>Watson</Surname><Mobile_Phone>61434503112</Mobile_Phone></record>";

    [Fact]
    public async Task CreateDataSet_answers_the_new_dataset_id_and_the_dataset_takes_inserts()
    {
        var answer = await Api.XmlAsync("CreateDataSet", ("initiativeid", "1"), ("datasetname", "MainDataSet"), ("active", "1"));

        var id = answer.Element("record")!.Element("datasets")!.Element("dataset")!.Element("id")!.Value;
        Assert.Equal("xml", answer.Name.LocalName);
        var dataset = Assert.Single(Factory.State.Datasets(), d => d.Name == "MainDataSet");
        Assert.Equal(dataset.Id.ToString(CultureInfo.InvariantCulture), id);
        Assert.Equal(1, dataset.InitiativeId);
        Assert.True(await Api.InsertAsync(dataset.Id, Lead) > 0);
    }

    [Fact]
    public async Task InsertRecord_answers_record_outcome_id_and_Success()
    {
        var answer = await Api.XmlAsync("InsertRecord", ("module", "data"), ("datasetid", "1"), ("xmldata", Lead));

        var outcome = answer.Element("record")!.Element("outcome")!;
        Assert.Equal("Success", outcome.Element("message")!.Value);
        var record = Assert.Single(Factory.State.Records(1));
        Assert.Equal(record.Id.ToString(CultureInfo.InvariantCulture), outcome.Element("id")!.Value);
        Assert.Equal("Luke", record.Fields["First_Name"]);
        Assert.Equal("Watson", record.Fields["Surname"]);
    }

    [Fact]
    public async Task InsertRecord_keeps_escaped_values_intact()
    {
        const string value = "Tom & Jerry <\"quoted\"> 'single'\nsecond line 😀 Ñandú 東京 שלום";
        var xmldata = new XElement("record", new XElement("Notes", value)).ToString(SaveOptions.DisableFormatting);

        var id = await Api.InsertAsync(1, xmldata);

        Assert.Equal(value, Factory.State.Records(1).Single(r => r.Id == id).Fields["Notes"]);
    }

    [Fact]
    public async Task InsertRecord_ids_are_unique_per_initiative()
    {
        var first = await Api.InsertAsync(1, Lead);
        var second = await Api.InsertAsync(1, Lead);
        var otherInitiative = await Api.InsertAsync(2, "<record><First_Name>Ann</First_Name></record>");

        Assert.Equal(first + 1, second);
        Assert.Equal(1, otherInitiative);
    }

    [Fact]
    public async Task UpdateRecord_answers_Success_and_changes_the_fields()
    {
        var id = await Api.InsertAsync(1, Lead);

        var answer = await Api.XmlAsync(
            "UpdateRecord", ("module", "data"), ("initiativeID", "1"), ("recordid", id.ToString(CultureInfo.InvariantCulture)),
            ("xmldata", "<record><Surname>Skywalker</Surname></record>"));

        Assert.Equal("Success", answer.Element("outcome")!.Element("message")!.Value);
        var record = Factory.State.Records(1).Single();
        Assert.Equal("Skywalker", record.Fields["Surname"]);
        Assert.Equal("Luke", record.Fields["First_Name"]);
    }

    [Fact]
    public async Task UpdateRecord_of_an_unknown_record_fails_with_a_message()
    {
        var message = await Api.MessageAsync(
            "UpdateRecord", ("initiativeid", "1"), ("recordid", "999"), ("xmldata", "<record><Surname>X</Surname></record>"));

        Assert.Equal("Invalid record ID", message);
    }

    [Fact]
    public async Task SetValue_sets_one_field_of_the_called_record_with_quotes_escaped()
    {
        var id = await Api.InsertAsync(1, Lead);
        var call = Factory.State.CompleteCall(1, id, 1, 474);

        var message = await Api.MessageAsync(
            "SetValue", ("module", "data"), ("callid", call.Id.ToString(CultureInfo.InvariantCulture)),
            ("modulefieldupdate", @"Notes='It\'s O''Brien'"));

        Assert.Equal("Success", message);
        Assert.Equal("It's O'Brien", Factory.State.Records(1).Single().Fields["Notes"]);
    }

    [Fact]
    public async Task SetValue_with_an_unescaped_quote_fails_as_SQL_syntax()
    {
        var id = await Api.InsertAsync(1, Lead);
        var call = Factory.State.CompleteCall(1, id, 1, 474);

        var message = await Api.MessageAsync(
            "SetValue", ("callid", call.Id.ToString(CultureInfo.InvariantCulture)), ("modulefieldupdate", "Notes='a'b'"));

        Assert.StartsWith("You have an error in your SQL syntax", message, StringComparison.Ordinal);
        Assert.False(Factory.State.Records(1).Single().Fields.ContainsKey("Notes"));
    }

    [Fact]
    public async Task GetData_answers_the_records_written_in_the_date_range()
    {
        await Api.InsertAsync(1, Lead);
        var today = Factory.Today;

        var answer = await Api.XmlAsync("GetData", ("module", "data"), ("moduleid", "1"), ("fromdate", today), ("todate", today));
        var empty = await Api.XmlAsync("GetData", ("module", "data"), ("moduleid", "1"), ("fromdate", "2015-05-01"), ("todate", "2015-05-31"));

        Assert.Equal("Luke", answer.Element("records")!.Element("record")!.Element("First_Name")!.Value);
        Assert.Empty(empty.Element("records")!.Elements());
    }

    [Fact]
    public async Task GetData_refuses_times_in_dates()
    {
        var message = await Api.MessageAsync(
            "GetData", ("moduleid", "1"), ("fromdate", "2015-05-01 00:00:00"), ("todate", "2015-05-31"));

        Assert.Equal("Invalid fromdate: dates must be YYYY-MM-DD", message);
    }

    [Fact]
    public async Task GetDataWithAgent_names_the_agent_of_the_last_call()
    {
        var id = await Api.InsertAsync(1, Lead);
        Factory.State.CompleteCall(1, id, 2, 475);
        var today = Factory.Today;

        var record = (await Api.XmlAsync("GetDataWithAgent", ("moduleid", "1"), ("fromdate", today), ("todate", today)))
            .Element("records")!.Element("record")!;

        Assert.Equal("2", record.Element("AgentId")!.Value);
        Assert.Equal("Test User 2", record.Element("AgentName")!.Value);
    }

    [Fact]
    public async Task GetRecord_by_call_id_answers_the_record_with_its_outcome()
    {
        var id = await Api.InsertAsync(1, Lead);
        var call = Factory.State.CompleteCall(1, id, 1, 475);

        var record = (await Api.XmlAsync("GetRecord", ("module", "data"), ("callid", call.Id.ToString(CultureInfo.InvariantCulture))))
            .Element("records")!.Element("record")!;

        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), record.Element("Id")!.Value);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), record.Element("cs_1_original_id")!.Value);
        Assert.Equal("475", record.Element("OutcomeId")!.Value);
        Assert.Equal("Answer Machine", record.Element("Outcome")!.Value);
        Assert.Equal("1", record.Element("Attempts")!.Value);
        Assert.Equal("0", record.Element("IsComplete")!.Value);
        Assert.Equal("Watson", record.Element("Surname")!.Value);
    }

    [Fact]
    public async Task GetRecord_of_an_unknown_call_fails_with_a_message()
        => Assert.Equal("Invalid call ID", await Api.MessageAsync("GetRecord", ("module", "data"), ("callid", "1")));

    [Fact]
    public async Task GetUsers_answers_users_with_the_sample_elements()
    {
        var users = (await Api.XmlAsync("GetUsers")).Element("users")!.Elements("user").ToList();

        Assert.Equal(4, users.Count);
        Assert.Equal("1", users[0].Element("Id")!.Value);
        Assert.Equal("test1@test.com", users[0].Element("Email")!.Value);
        Assert.Equal("Test", users[0].Element("FirstName")!.Value);
        Assert.Equal("User 1", users[0].Element("Surname")!.Value);
    }

    [Fact]
    public async Task GetAgentStatus_answers_the_current_status()
    {
        Assert.Equal("Logged Out", (await Api.XmlAsync("GetAgentStatus", ("userid", "4"))).Element("status")!.Value);

        Factory.State.SetAgentStatus(4, "Available");

        Assert.Equal("Available", (await Api.XmlAsync("GetAgentStatus", ("userid", "4"))).Element("status")!.Value);
        Assert.Equal("Invalid user ID", await Api.MessageAsync("GetAgentStatus", ("userid", "77")));
    }

    [Fact]
    public async Task InsertNextRecord_answers_outcome_id_and_assigns_the_user()
    {
        var answer = await Api.XmlAsync(
            "InsertNextRecord", ("module", "data"), ("datasetid", "1"), ("userid", "3"), ("xmldata", Lead));

        Assert.Equal("Success", answer.Element("outcome")!.Element("message")!.Value);
        var record = Factory.State.Records(1).Single();
        Assert.Equal(record.Id.ToString(CultureInfo.InvariantCulture), answer.Element("outcome")!.Element("id")!.Value);
        Assert.Equal(3, record.AssignedUserId);
    }

    [Fact]
    public async Task GetRecording_answers_the_recording_url_of_the_call()
    {
        var id = await Api.InsertAsync(1, Lead);
        var call = Factory.State.CompleteCall(1, id, 1, 472);

        var url = (await Api.XmlAsync("GetRecording", ("callid", call.Id.ToString(CultureInfo.InvariantCulture)))).Element("url")!.Value;

        Assert.Equal(call.RecordingUrl.AbsoluteUri, url);
        Assert.EndsWith(".wav", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchRecord_filters_by_dataset_and_exact_field_values()
    {
        await Api.InsertAsync(1, "<record><First_Name>Ann</First_Name><Email_Address>ann@example.com</Email_Address></record>");
        await Api.InsertAsync(1, "<record><First_Name>Bob</First_Name><Email_Address>bob@example.com</Email_Address></record>");
        await Api.InsertAsync(1, "<record><First_Name>Ann</First_Name><Email_Address>ANN@example.com</Email_Address></record>");

        var all = await Api.XmlAsync("SearchRecord", ("module", "data"), ("initiativeid", "1"));
        var byDataset = await Api.XmlAsync("SearchRecord", ("module", "data"), ("datasetid", "1"));
        var byEmail = await Api.XmlAsync(
            "SearchRecord", ("module", "data"), ("initiativeid", "1"), ("datasetid", "1"),
            ("xmldata", "<record><Email_Address>ann@example.com</Email_Address></record>"));

        Assert.Equal(3, all.Element("records")!.Elements("record").Count());
        Assert.Equal(3, byDataset.Element("records")!.Elements("record").Count());
        var match = Assert.Single(byEmail.Element("records")!.Elements("record"));
        Assert.Equal("1", match.Element("Id")!.Value);
        Assert.Equal("0", match.Element("Attempts")!.Value);
    }

    [Fact]
    public async Task SearchRecord_on_an_unknown_field_fails_like_MySQL()
    {
        var message = await Api.MessageAsync(
            "SearchRecord", ("initiativeid", "1"), ("xmldata", "<record><emailaddress>a@b.c</emailaddress></record>"));

        Assert.Equal("Unknown column 'emailaddress' in 'where clause'", message);
    }

    [Fact]
    public async Task GetOutcome_answers_the_initiatives_outcomes()
    {
        var outcomes = (await Api.XmlAsync("GetOutcome", ("module", "data"), ("initiativeid", "1")))
            .Element("outcomes")!.Elements("outcome").ToList();

        Assert.Equal(7, outcomes.Count);
        Assert.Equal("472", outcomes[0].Element("Id")!.Value);
        Assert.Equal("Completed", outcomes[0].Element("Name")!.Value);
    }

    [Fact]
    public async Task UpdateOutcome_sets_the_outcome_and_refuses_one_of_another_initiative()
    {
        var id = (await Api.InsertAsync(1, Lead)).ToString(CultureInfo.InvariantCulture);

        var ok = await Api.MessageAsync("UpdateOutcome", ("module", "data"), ("initiativeid", "1"), ("recordid", id), ("outcomeid", "477"));
        var refused = await Api.MessageAsync("UpdateOutcome", ("module", "data"), ("initiativeid", "1"), ("recordid", id), ("outcomeid", "480"));

        Assert.Equal("Success", ok);
        Assert.Equal("Invalid outcome ID", refused);
        Assert.Equal(477, Factory.State.Records(1).Single().Outcome!.Id);
    }

    [Fact]
    public async Task GetCLIs_answers_cli_elements_directly_under_xml()
    {
        var clis = (await Api.XmlAsync("GetCLIs")).Elements("cli").ToList();

        Assert.Equal(5, clis.Count);
        Assert.Equal("1", clis[0].Element("id")!.Value);
        Assert.Equal("61288803120", clis[0].Element("callerid")!.Value);
    }

    [Fact]
    public async Task UpdateCLI_sets_the_initiatives_caller_id()
    {
        Assert.Equal("Success", await Api.MessageAsync("UpdateCLI", ("initiativeid", "1"), ("cliid", "4")));
        Assert.Equal("Invalid CLI ID", await Api.MessageAsync("UpdateCLI", ("initiativeid", "1"), ("cliid", "21")));
        Assert.Equal(4, Factory.State.GetInitiative(1).CliId);
    }

    [Fact]
    public async Task A_form_POST_is_served_like_a_GET()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apikey"] = SimulatorFactory.ApiKey,
            ["function"] = "InsertRecord",
            ["datasetid"] = "1",
            ["xmldata"] = Lead,
        });

        using var response = await Api.Http.PostAsync(new Uri("/", UriKind.Relative), form);
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("Success", answer.Descendants("message").Single().Value);
        Assert.Single(Factory.State.Records(1));
    }
}

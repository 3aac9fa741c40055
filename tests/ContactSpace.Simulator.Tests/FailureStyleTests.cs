using System.Net;
using System.Xml.Linq;

namespace ContactSpace.Simulator.Tests;

/// <summary>contactSPACE says no with HTTP 200 and a message, never with an HTTP error.</summary>
public sealed class FailureStyleTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    [Fact]
    public async Task An_unknown_field_fails_with_MySQLs_unknown_column_message_and_no_id()
    {
        var answer = await Api.XmlAsync(
            "InsertRecord", ("datasetid", "1"), ("xmldata", "<record><First_Name>A</First_Name><Record_ID>7</Record_ID></record>"));

        Assert.Equal("Unknown column 'Record_ID' in 'field list'", answer.Element("outcome")!.Element("message")!.Value);
        Assert.Empty(answer.Descendants("id"));
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task Field_names_are_case_sensitive()
        => Assert.Equal(
            "Unknown column 'first_name' in 'field list'",
            await Api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><first_name>A</first_name></record>")));

    [Theory]
    [InlineData("<record><First_Name>A</Surname></record>")]
    [InlineData("<record><First_Name>A</First_Name>")]
    [InlineData("<record><First_Name><b>A</b></First_Name></record>")]
    [InlineData("<record>loose text</record>")]
    [InlineData("First_Name=A")]
    public async Task Xmldata_that_is_not_a_clean_record_fails_as_SQL_syntax(string xmldata)
    {
        var message = await Api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", xmldata));

        Assert.StartsWith("You have an error in your SQL syntax; check the manual", message, StringComparison.Ordinal);
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task A_field_given_twice_fails()
        => Assert.Equal(
            "Column 'Surname' specified twice",
            await Api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><Surname>A</Surname><Surname>B</Surname></record>")));

    [Theory]
    [InlineData("<record><Premium>lots</Premium></record>", "Incorrect decimal value: 'lots' for column 'Premium' at row 1")]
    [InlineData("<record><Renewal_Date>31/12/2026</Renewal_Date></record>", "Incorrect date value: '31/12/2026' for column 'Renewal_Date' at row 1")]
    public async Task A_value_that_does_not_suit_the_field_type_fails(string xmldata, string expected)
        => Assert.Equal(expected, await Api.MessageAsync("InsertRecord", ("datasetid", "2"), ("xmldata", xmldata)));

    [Fact]
    public async Task A_value_longer_than_the_field_fails()
        => Assert.Equal(
            "Data too long for column 'State' at row 1",
            await Api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><State>New South Wales</State></record>")));

    [Fact]
    public async Task A_wrong_key_fails_with_the_invalid_key_message_and_changes_nothing()
    {
        var wrong = new ApiClient(Api.Http, "not-the-key");

        using var response = await wrong.SendAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><First_Name>A</First_Name></record>"));
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Invalid API key", answer.Element("outcome")!.Element("message")!.Value);
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task A_missing_key_fails_in_JSON_for_a_skill_function()
    {
        using var response = await Api.Http.GetAsync(new Uri("/?function=GetSkillsInfo", UriKind.Relative));

        Assert.Equal("""{"message":"Invalid API key"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("DeleteEverything")]
    [InlineData("")]
    public async Task An_unknown_function_fails_with_a_message(string function)
        => Assert.Equal("Invalid function", await Api.MessageAsync(function));

    [Theory]
    [InlineData("InsertRecord", "datasetid", "abc", "Invalid datasetid")]
    [InlineData("InsertRecord", "datasetid", "", "Missing parameter: datasetid")]
    [InlineData("InsertRecord", "datasetid", "404", "Invalid dataset ID")]
    [InlineData("GetOutcome", "initiativeid", "404", "Invalid initiative ID")]
    [InlineData("CreateDataSet", "initiativeid", "1", "Missing parameter: datasetname")]
    public async Task Bad_parameters_fail_with_a_message(string function, string name, string value, string expected)
        => Assert.Equal(
            expected,
            await Api.MessageAsync(function, (name, value), ("xmldata", "<record><First_Name>A</First_Name></record>"), ("active", "1")));

    [Fact]
    public async Task Parameter_names_are_matched_case_insensitively()
    {
        var message = await Api.MessageAsync("UpdateOutcome", ("InitiativeID", "1"), ("RecordId", "1"), ("OutcomeID", "472"));

        // The names are understood: the refusal is about the record, not a missing parameter.
        Assert.Equal("Invalid record ID", message);
    }
}

using ContactSpace.Simulator.Api;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Tests;

public sealed class RecordXmlTests
{
    [Fact]
    public void Reads_fields_in_order_with_entities_and_CDATA_decoded()
    {
        var fields = RecordXml.Parse("<record>\n<A>x &amp; y &lt;z&gt;</A> <B><![CDATA[<raw>]]></B><C/></record>");

        Assert.Equal([new("A", "x & y <z>"), new("B", "<raw>"), new("C", string.Empty)], fields);
    }

    [Fact]
    public void Refuses_a_DTD_so_no_entity_can_expand()
    {
        var failure = Assert.Throws<ContactSpaceFailureException>(
            () => RecordXml.Parse("<!DOCTYPE r [<!ENTITY e \"boom\">]><record><A>&e;</A></record>"));

        Assert.StartsWith("You have an error in your SQL syntax", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_root_other_than_record()
        => Assert.Throws<ContactSpaceFailureException>(() => RecordXml.Parse("<lead><A>1</A></lead>"));

    [Theory]
    [InlineData("Notes='plain'", "Notes", "plain")]
    [InlineData(@"Notes='it\'s'", "Notes", "it's")]
    [InlineData("Notes='it''s'", "Notes", "it's")]
    [InlineData(@"Notes='line\nbreak \\ done'", "Notes", "line\nbreak \\ done")]
    [InlineData(" postcode = '2000' ", "postcode", "2000")]
    [InlineData("Notes=''", "Notes", "")]
    public void SetValue_assignments_are_read_as_MySQL_string_literals(string assignment, string field, string value)
        => Assert.Equal((field, value), FieldAssignment.Parse(assignment));

    [Theory]
    [InlineData("Notes=plain")]
    [InlineData("Notes='open")]
    [InlineData("='x'")]
    [InlineData("Notes='a' OR '1'='1'")]
    [InlineData("No tes='x'")]
    public void SetValue_assignments_that_would_break_the_statement_are_refused(string assignment)
    {
        var failure = Assert.Throws<ContactSpaceFailureException>(() => FieldAssignment.Parse(assignment));

        Assert.StartsWith("You have an error in your SQL syntax", failure.Message, StringComparison.Ordinal);
    }
}

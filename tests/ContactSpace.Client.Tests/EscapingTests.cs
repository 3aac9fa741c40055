using System.Globalization;
using System.Xml.Linq;

namespace ContactSpace.Client.Tests;

/// <summary>No value or field name can change the structure of <c>xmldata</c>, and every value arrives intact.</summary>
public sealed class EscapingTests
{
    public static TheoryData<string> HostileValues => new()
    {
        "Tom & Jerry <tom@example.com> \"quoted\" 'single'",
        "</FirstName><Admin>1</Admin><FirstName>",
        "]]><![CDATA[x]]>",
        "line one\nline two\r\nline three\ttabbed",
        "  leading and trailing spaces  ",
        "emoji 😀👍🏽 and 𝄞",
        "Ελληνικά русский 中文 العربية עברית हिन्दी",
        "&amp; already escaped &lt;",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
        "a=b&function=DeleteEverything&apikey=stolen#fragment",
        "",
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_value_arrives_intact_as_the_text_of_its_own_field(string value)
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.InsertRecordAsync(1, new Dictionary<string, string> { ["FirstName"] = value, ["Surname"] = "Doe" });

        var query = ClientHarness.Query(handler.LastRequest);
        var record = XElement.Parse(query["xmldata"], LoadOptions.PreserveWhitespace);
        Assert.Equal("record", record.Name.LocalName);
        Assert.Equal(["FirstName", "Surname"], record.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(value, record.Element("FirstName")!.Value);
        Assert.Equal("InsertRecord", query["function"]);
        Assert.Equal(ClientHarness.ApiKey, query["apikey"]);
    }

    [Theory]
    [InlineData("First Name")]
    [InlineData("a<b")]
    [InlineData("x></record><y")]
    [InlineData("1stName")]
    [InlineData("xml:lang")]
    [InlineData("name\n")]
    [InlineData("")]
    public async Task A_bad_field_name_is_refused_before_any_request(string name)
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(
            () => harness.Client.InsertRecordAsync(1, new Dictionary<string, string> { [name] = "x" }));

        Assert.False(error.RequestSent);
        Assert.False(error.IsTransient);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_value_with_a_character_XML_cannot_carry_is_refused_before_any_request()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(
            () => harness.Client.UpdateRecordAsync(1, 2, new Dictionary<string, string> { ["Notes"] = "bell\u0007" }));

        Assert.False(error.RequestSent);
        Assert.Contains("U+0007", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("O'Brien", "Surname='O''Brien'")]
    [InlineData("x' , Status='Hacked", "Surname='x'' , Status=''Hacked'")]
    [InlineData("back\\slash'", "Surname='back\\\\slash'''")]
    [InlineData("Zoë & 中文", "Surname='Zoë & 中文'")]
    public async Task SetValue_escapes_quotes_so_the_value_cannot_end_early(string value, string expected)
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        await harness.Client.SetValueAsync(1234, "Surname", value);

        Assert.Equal(expected, ClientHarness.Query(handler.LastRequest)["modulefieldupdate"]);
    }

    [Fact]
    public async Task SetValue_refuses_a_field_name_that_would_inject()
    {
        var handler = StubHandler.Xml(GuideSamples.Success);
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => harness.Client.SetValueAsync(1234, "Status='x',Surname", "y"));

        Assert.False(error.RequestSent);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    [InlineData("fa-IR")]
    public async Task Dates_go_out_in_the_invariant_format_whatever_the_culture(string culture)
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await harness.Client.InsertRecordWithCallbackAsync(1, 2, new DateTime(2026, 3, 5, 14, 7, 9), new Dictionary<string, string>());
            var callback = ClientHarness.Query(handler.LastRequest)["callbackdatetime"];
            handler.Respond = (_, _) => Task.FromResult(StubHandler.Response("<xml/>"));
            await harness.Client.GetDataAsync(25, new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 6));
            var from = ClientHarness.Query(handler.LastRequest)["fromdate"];

            Assert.Equal("2026-03-05 14:07:09", callback);
            Assert.Equal("2026-03-05", from);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public async Task A_request_over_8_KB_is_refused_not_truncated()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);

        var error = await Assert.ThrowsAsync<ContactSpaceException>(
            () => harness.Client.InsertRecordAsync(1, new Dictionary<string, string> { ["Notes"] = new string('é', 2000) }));

        Assert.False(error.RequestSent);
        Assert.False(error.IsTransient);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_request_just_under_8_KB_is_sent_whole()
    {
        var handler = StubHandler.Xml(GuideSamples.InsertRecord);
        using var harness = ClientHarness.Create(handler);
        var value = new string('a', 7900);

        await harness.Client.InsertRecordAsync(1, new Dictionary<string, string> { ["Notes"] = value });

        Assert.Equal(value, XElement.Parse(ClientHarness.Query(handler.LastRequest)["xmldata"]).Element("Notes")!.Value);
    }
}

using System.Text;
using ContactSpace.Bridge.Intake;

namespace ContactSpace.Bridge.Tests.Intake;

public sealed class PayloadReaderTests
{
    private readonly PayloadReader _reader = new(new IntakeLimitOptions { MaxBodyBytes = 4096, MaxFields = 10 });

    private ParsedPayload Read(string body, string? contentType) => _reader.Read(Encoding.UTF8.GetBytes(body), contentType);

    [Fact]
    public void Json_nested_objects_and_arrays_are_reachable_by_path()
    {
        var parsed = Read("""{"contact":{"name":"Jo","phones":[{"number":"0414616126"},{"number":"0298765432"}]},"ok":true,"n":12.5}""", "application/json; charset=utf-8");

        Assert.True(parsed.Succeeded);
        Assert.Equal("0298765432", FieldPath.Parse("contact.phones[1].number").Resolve(parsed.Root));
        Assert.Equal("0414616126", FieldPath.Parse("contact.phones.number").Resolve(parsed.Root));
        Assert.Equal("Jo", FieldPath.Parse("contact[\"name\"]").Resolve(parsed.Root));
        Assert.Equal("true", FieldPath.Parse("ok").Resolve(parsed.Root));
        Assert.Equal("12.5", FieldPath.Parse("n").Resolve(parsed.Root));
        Assert.Null(FieldPath.Parse("contact.phones[5].number").Resolve(parsed.Root));
        Assert.Null(FieldPath.Parse("contact").Resolve(parsed.Root));
    }

    [Fact]
    public void Json_with_a_byte_order_mark_and_vendor_media_type_is_read()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"a":"b"}""")).ToArray();

        var parsed = _reader.Read(body, "application/vnd.example+json");

        Assert.Equal("b", FieldPath.Parse("a").Resolve(parsed.Root));
    }

    [Fact]
    public void Urlencoded_repeated_fields_are_joined_and_literal_keys_with_brackets_match()
    {
        var parsed = Read("interest=solar&interest=battery&fields%5Bemail%5D%5Bvalue%5D=a%40b.com&name=J+Smith", "application/x-www-form-urlencoded");

        Assert.Equal("solar, battery", FieldPath.Parse("interest").Resolve(parsed.Root));
        Assert.Equal("a@b.com", FieldPath.Parse("fields[email][value]").Resolve(parsed.Root));
        Assert.Equal("J Smith", FieldPath.Parse("name").Resolve(parsed.Root));
    }

    [Fact]
    public void Multipart_fields_are_read_and_files_skipped()
    {
        var parsed = _reader.Read(File.ReadAllBytes(IntakeHarness.FixturePath("html-form/contact.multipart")),
            "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW");

        Assert.True(parsed.Succeeded, parsed.Rejection?.Problems[0].Message);
        Assert.Equal("Jane", FieldPath.Parse("first_name").Resolve(parsed.Root));
        Assert.Null(FieldPath.Parse("attachment").Resolve(parsed.Root));
    }

    [Fact]
    public void Xml_elements_become_paths_by_local_name_with_repeats_as_lists()
    {
        var parsed = Read("<a:root xmlns:a='urn:x'><item><v>1</v></item><item><v>2</v></item><empty/><nil a:x='1'></nil><t><![CDATA[<b>]]></t></a:root>", "application/xml");

        Assert.True(parsed.Succeeded);
        Assert.Equal("1", FieldPath.Parse("root.item.v").Resolve(parsed.Root));
        Assert.Equal("2", FieldPath.Parse("root.item[1].v").Resolve(parsed.Root));
        Assert.Equal("<b>", FieldPath.Parse("root.t").Resolve(parsed.Root));
        Assert.Equal(string.Empty, FieldPath.Parse("root.nil").Resolve(parsed.Root));
        Assert.Null(FieldPath.Parse("root.empty").Resolve(parsed.Root));
    }

    [Fact]
    public void Latin1_charset_is_decoded()
    {
        var parsed = _reader.Read(Encoding.Latin1.GetBytes("name=Ren\u00e9e"), "application/x-www-form-urlencoded; charset=ISO-8859-1");

        Assert.Equal("Ren\u00e9e", FieldPath.Parse("name").Resolve(parsed.Root));
    }

    [Theory]
    [InlineData("{\"a\":", "application/json", 400, ProblemCodes.Malformed, "not valid JSON")]
    [InlineData("[1,", "application/json", 400, ProblemCodes.Malformed, "not valid JSON")]
    [InlineData("\"text\"", "application/json", 400, ProblemCodes.Malformed, "must be an object")]
    [InlineData("<a><b></a>", "text/xml", 400, ProblemCodes.Malformed, "not well-formed XML")]
    [InlineData("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "application/xml", 400, ProblemCodes.Malformed, "not well-formed XML")]
    [InlineData("--x\r\nno-headers\r\n\r\nv\r\n--x--\r\n", "multipart/form-data; boundary=x", 400, ProblemCodes.Malformed, "multipart")]
    [InlineData("a=1", "multipart/form-data", 400, ProblemCodes.Malformed, "boundary")]
    [InlineData("", "application/json", 400, ProblemCodes.Empty, "empty")]
    [InlineData("a=1", "text/plain", 415, ProblemCodes.UnsupportedMediaType, "text/plain")]
    [InlineData("a=1", null, 415, ProblemCodes.UnsupportedMediaType, "Content-Type header is required")]
    [InlineData("a=1", "application/x-www-form-urlencoded; charset=shift_jis", 415, ProblemCodes.UnsupportedCharset, "shift_jis")]
    [InlineData("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11", "application/x-www-form-urlencoded", 400, ProblemCodes.TooManyFields, "at most 10")]
    [InlineData("{\"a\":[1,2,3,4,5,6,7,8,9,10,11]}", "application/json", 400, ProblemCodes.TooManyFields, "11 values")]
    public void Bad_bodies_are_refused_with_a_named_problem(string body, string? contentType, int status, string code, string messagePart)
    {
        var parsed = Read(body, contentType);

        Assert.False(parsed.Succeeded);
        Assert.Equal(status, parsed.Rejection!.Status);
        var problem = Assert.Single(parsed.Rejection.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal("body", problem.Field);
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_a_malformed_body_not_an_exception()
    {
        var parsed = _reader.Read(new byte[] { (byte)'a', (byte)'=', 0xC3, 0x28 }, "application/x-www-form-urlencoded");

        Assert.Equal(ProblemCodes.Malformed, parsed.Rejection!.Problems[0].Code);
        Assert.Contains("utf-8", parsed.Rejection.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_xml_elements_are_refused()
    {
        var parsed = Read("<r>" + string.Concat(Enumerable.Repeat("<i>1</i>", 11)) + "</r>", "application/xml");

        Assert.Equal(ProblemCodes.TooManyFields, parsed.Rejection!.Problems[0].Code);
    }
}

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a[")]
    [InlineData("a[]")]
    [InlineData("a[=x]")]
    public void Bad_paths_are_refused_with_a_reason(string text)
    {
        Assert.False(FieldPath.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Filters_pick_the_first_matching_list_item()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse("""{"answers":[{"field":{"ref":"a"},"text":"x"},{"field":{"ref":"b"},"text":"y"}]}""");

        Assert.Equal("y", FieldPath.Parse("answers[field.ref=b].text").Resolve(root));
        Assert.Equal("y", FieldPath.Parse("answers[field.ref='B'].text").Resolve(root));
        Assert.Null(FieldPath.Parse("answers[field.ref=c].text").Resolve(root));
    }

    [Fact]
    public void Names_fall_back_to_a_case_insensitive_match()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse("""{"Email":"a@b.c"}""");

        Assert.Equal("a@b.c", FieldPath.Parse("email").Resolve(root));
    }
}

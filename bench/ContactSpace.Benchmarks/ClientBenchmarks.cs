using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ContactSpace.Client;
using ContactSpace.Client.Transport;
using ContactSpace.Client.Xml;

namespace ContactSpace.Benchmarks;

/// <summary>
/// The client's own work per InsertRecord: building the request URL (field validation, XML escaping, query escaping)
/// and reading the answer (XML parse, success check, id). The network is not part of it.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientBenchmarks
{
    private const string ApiKey = "jhbdffjUYHGVFGjhdbfgjuerg8748dhj";

    private readonly string _insertRecordAnswer = """
        <xml>
        <record>
          <outcome>
            <id>5151</id>
            <message>Success</message>
          </outcome>
        </record>
        </xml>
        """;

    private static readonly Uri _baseUrl = new("https://api.example.test/");

    // A typical web-form lead: ten fields, some needing XML and URL escaping.
    private readonly Dictionary<string, string> _lead = new()
    {
        ["FirstName"] = "Zoë",
        ["Surname"] = "O'Brien-Smith",
        ["Email_Address"] = "zoe.obrien@example.com",
        ["Mobile_Phone"] = "61414616126",
        ["Address1"] = "1 Fake St & Co <Unit 2>",
        ["Suburb"] = "Sydney",
        ["Postcode"] = "2000",
        ["State"] = "NSW",
        ["Source"] = "web-form/landing?utm=spring",
        ["Notes"] = "Asked for a call after 5pm.\nPrefers \"mobile\".",
    };

    /// <summary>
    /// The floor for building: the same URL by plain concatenation with framework escaping and no validation. The
    /// client's row is read as a ratio to it, measured in the same run.
    /// </summary>
    [Benchmark(Baseline = true, Description = "Floor: concatenate and escape")]
    [BenchmarkCategory("build")]
    public string ConcatenateInsertRecordUrl()
    {
        var xml = new StringBuilder("<record>");
        foreach (var (name, value) in _lead)
        {
            xml.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');
        }

        xml.Append("</record>");
        return $"{_baseUrl}?apikey={ApiKey}&function=InsertRecord&module=data&datasetid=1963&xmldata={Uri.EscapeDataString(xml.ToString())}";
    }

    [Benchmark(Description = "Build InsertRecord URL")]
    [BenchmarkCategory("build")]
    public string BuildInsertRecordUrl()
        => ContactSpaceUrl.Build(_baseUrl, ApiKey, ContactSpaceClient.BuildInsertRecord(1963, _lead));

    /// <summary>The floor for parsing: XDocument.Parse and two element reads, with no checks.</summary>
    [Benchmark(Baseline = true, Description = "Floor: XDocument.Parse")]
    [BenchmarkCategory("parse")]
    public long XDocumentParseAnswer()
    {
        var outcome = XDocument.Parse(_insertRecordAnswer).Descendants("outcome").First();
        return long.Parse(outcome.Element("id")!.Value, CultureInfo.InvariantCulture) + outcome.Element("message")!.Value.Length;
    }

    [Benchmark(Description = "Parse InsertRecord answer")]
    [BenchmarkCategory("parse")]
    public long ParseInsertRecordAnswer()
        => Answer.RequireInsertedId("InsertRecord", QueryStringXmlTransport.ParseBody("InsertRecord", 200, _insertRecordAnswer));
}

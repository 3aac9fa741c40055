using BenchmarkDotNet.Attributes;
using ContactSpace.Client;
using ContactSpace.Client.Transport;
using ContactSpace.Client.Xml;

namespace ContactSpace.Benchmarks;

/// <summary>
/// The client's own work per InsertRecord: building the request URL (field validation, XML escaping, query escaping)
/// and reading the answer (XML parse, success check, id). The network is not part of it.
/// </summary>
[MemoryDiagnoser]
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

    [Benchmark(Description = "Build InsertRecord URL")]
    public string BuildInsertRecordUrl()
        => ContactSpaceUrl.Build(_baseUrl, ApiKey, ContactSpaceClient.BuildInsertRecord(1963, _lead));

    [Benchmark(Description = "Parse InsertRecord answer")]
    public long ParseInsertRecordAnswer()
        => Answer.RequireInsertedId("InsertRecord", QueryStringXmlTransport.ParseBody("InsertRecord", 200, _insertRecordAnswer));
}

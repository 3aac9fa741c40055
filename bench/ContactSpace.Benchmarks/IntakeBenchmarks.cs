using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Benchmarks;

/// <summary>
/// Intake's own work per lead, with no I/O: authenticate, parse, map, transform (phone numbers through
/// libphonenumber), validate and hash. One JSON webhook (function key), one JSON webhook signed with HMAC, one
/// urlencoded HTML form and one Salesforce SOAP message.
/// </summary>
[MemoryDiagnoser]
public class IntakeBenchmarks
{
    private const string HmacSecret = "benchmark-hmac-secret";

    private static readonly Uri _url = new("https://bridge.example.com/api/leads/");

    private static readonly byte[] _json = Encoding.UTF8.GetBytes("""
        {"id":"zap-20261203-0001","first_name":"Zoë","last_name":"O'Brien-Smith","mobile":"0414 616 126","phone":"(02) 9876 5432",
         "email":"Zoe.OBrien@Example.com","postcode":"2000","state":"nsw","suburb":"Sydney","address":"1 George St",
         "company":"Acme Pty Ltd","notes":"From a Facebook lead ad","message":"Please call about a 6.6 kW system","source":"Facebook"}
        """);

    private static readonly byte[] _form = Encoding.UTF8.GetBytes(
        "first_name=Zo%C3%AB&last_name=O%27Brien-Smith&phone=0414+616+126&email=zoe%40example.com&postcode=2000&state=nsw"
        + "&suburb=Sydney&address=1+George+St&company=Acme+Pty+Ltd&message=Please+call+about+a+6.6+kW+system&_gotcha=");

    private static readonly byte[] _soap = Encoding.UTF8.GetBytes("""
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">
          <OrganizationId>00D5g000004Fb1xEAC</OrganizationId><ActionId>04k5g000000TNpDAAW</ActionId><SessionId xsi:nil="true"/>
          <Notification><Id>04l5g00000CkPQbAAN</Id>
           <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
            <sf:Id>00Q5g00000A1b2CEAR</sf:Id><sf:City>Perth</sf:City><sf:Company>Citizen &amp; Co</sf:Company>
            <sf:Email>jane.citizen@example.com</sf:Email><sf:FirstName>Jane</sf:FirstName><sf:LastName>Citizen</sf:LastName>
            <sf:MobilePhone>+61 414 616 126</sf:MobilePhone><sf:PostalCode>6000</sf:PostalCode><sf:State>WA</sf:State>
           </sObject></Notification>
         </notifications></soapenv:Body></soapenv:Envelope>
        """);

    private readonly Dictionary<string, string> _keyHeaders = new(StringComparer.OrdinalIgnoreCase) { ["x-functions-key"] = "benchmark-key" };
    private readonly Dictionary<string, string> _formHeaders = new(StringComparer.OrdinalIgnoreCase) { ["Origin"] = "https://www.example.com" };
    private readonly Dictionary<string, string> _hmacHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Signature"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacSecret), _json)),
    };

    private readonly string _phone = "0414 616 126";

    private LeadPreparer _preparer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bridge:Routes:zapier:Preset"] = "zapier",
            ["Bridge:Routes:zapier:DatasetId"] = "101",
            ["Bridge:Routes:zapier:Auth:Secret"] = "benchmark-key",
            ["Bridge:Routes:signed:Preset"] = "zapier",
            ["Bridge:Routes:signed:DatasetId"] = "101",
            ["Bridge:Routes:signed:Auth:Scheme"] = "Hmac",
            ["Bridge:Routes:signed:Auth:Secret"] = HmacSecret,
            ["Bridge:Routes:signed:Auth:Prefix"] = "sha256=",
            ["Bridge:Routes:web:Preset"] = "html-form",
            ["Bridge:Routes:web:DatasetId"] = "101",
            ["Bridge:Routes:web:AllowedOrigins:0"] = "https://www.example.com",
            ["Bridge:Routes:salesforce:Preset"] = "salesforce-outbound",
            ["Bridge:Routes:salesforce:DatasetId"] = "101",
            ["Bridge:Routes:salesforce:Auth:Secret"] = "benchmark-key",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddLeadIntake(configuration).BuildServiceProvider();
        _preparer = services.GetRequiredService<LeadPreparer>();
        foreach (var check in new[] { PrepareJson(), PrepareSignedJson(), PrepareForm(), PrepareSalesforceXml() })
        {
            if (check is null)
            {
                throw new InvalidOperationException("A benchmark input does not prepare: fix the inputs before measuring.");
            }
        }
    }

    /// <summary>
    /// The floor: what any JSON intake must do at least (parse the body and visit every value). The ratios of the
    /// other rows to this one are the figures that count; absolute times swing with the machine's load.
    /// </summary>
    [Benchmark(Baseline = true)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public int ParseJsonOnly()
    {
        using var document = JsonDocument.Parse(_json);
        var length = 0;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            length += property.Value.ToString().Length;
        }

        return length;
    }

    [Benchmark]
    public PreparedLead? PrepareJson() => Prepare("zapier", _json, "application/json", _keyHeaders);

    [Benchmark]
    public PreparedLead? PrepareSignedJson() => Prepare("signed", _json, "application/json", _hmacHeaders);

    [Benchmark]
    public PreparedLead? PrepareForm() => Prepare("web", _form, "application/x-www-form-urlencoded", _formHeaders);

    [Benchmark]
    public PreparedLead? PrepareSalesforceXml() => Prepare("salesforce", _soap, "text/xml; charset=utf-8", _keyHeaders);

    /// <summary>One phone number through libphonenumber: the transform that dominates a lead's cost.</summary>
    [Benchmark]
    public string? NormalisePhone() => ValueTransforms.Phone(_phone, "AU").Value;

    private PreparedLead? Prepare(string route, byte[] body, string contentType, Dictionary<string, string> headers)
        => _preparer.Prepare(new IntakeRequest(route, "POST", new Uri(_url, route), headers, body, contentType)).Lead;
}

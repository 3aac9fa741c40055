using System.Text.Json;
using System.Xml.Linq;

namespace ContactSpace.Simulator.Tests;

/// <summary>Raw HTTP calls in the guide's wire format: <c>GET /?apikey=…&amp;function=…&amp;…</c>.</summary>
public sealed class ApiClient(HttpClient http, string apiKey)
{
    public HttpClient Http { get; } = http;

    public static string Query(string apiKey, string function, params (string Name, string Value)[] parameters)
        => "?" + string.Join('&', new[] { ("apikey", apiKey), ("function", function) }.Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));

    public Task<HttpResponseMessage> SendAsync(string function, params (string Name, string Value)[] parameters)
        => Http.GetAsync(new Uri("/" + Query(apiKey, function, parameters), UriKind.Relative));

    public Task<HttpResponseMessage> SendToAsync(string path, string function, params (string Name, string Value)[] parameters)
        => Http.GetAsync(new Uri(path + Query(apiKey, function, parameters), UriKind.Relative));

    /// <summary>Calls a function and parses its XML answer, asserting HTTP 200 (contactSPACE answers failures with 200 too).</summary>
    public async Task<XElement> XmlAsync(string function, params (string Name, string Value)[] parameters)
    {
        using var response = await SendAsync(function, parameters);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return XDocument.Parse(body).Root!;
    }

    public async Task<JsonElement> JsonAsync(string function, params (string Name, string Value)[] parameters)
    {
        using var response = await SendAsync(function, parameters);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The <c>&lt;message&gt;</c> of a failure or update answer.</summary>
    public async Task<string?> MessageAsync(string function, params (string Name, string Value)[] parameters)
        => (await XmlAsync(function, parameters)).Descendants("message").SingleOrDefault()?.Value;

    /// <summary>Inserts into a dataset and returns the new record id.</summary>
    public async Task<long> InsertAsync(long datasetId, string xmldata)
    {
        var answer = await XmlAsync("InsertRecord", ("module", "data"), ("datasetid", datasetId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("xmldata", xmldata));
        Assert.Equal("Success", answer.Descendants("message").Single().Value);
        return long.Parse(answer.Descendants("id").Single().Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

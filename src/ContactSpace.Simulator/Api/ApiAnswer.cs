using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ContactSpace.Simulator.Api;

/// <summary>The body of an answer, its content type and the <c>message</c> it carries (for the call log).</summary>
public sealed record ApiAnswer(string Body, string ContentType, string? Message)
{
    public const string XmlContentType = "text/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string Success = "Success";

    private static readonly JsonSerializerOptions _jsonWriteOptions = new() { WriteIndented = false };

    /// <summary>An <c>&lt;xml&gt;</c> document with the given content, as the guide's samples show them.</summary>
    public static ApiAnswer Xml(params object[] content) => Xml(null, content);

    public static ApiAnswer Xml(string? message, params object[] content)
        => new("<?xml version=\"1.0\"?>\n" + new XElement("xml", content).ToString(), XmlContentType, message);

    public static ApiAnswer Json(JsonObject body)
        => new(body.ToJsonString(_jsonWriteOptions), JsonContentType, body["message"]?.GetValue<string>());

    /// <summary>The failure answer: HTTP 200 and the message, which is how contactSPACE says no.</summary>
    public static ApiAnswer Failure(string message, bool json) => OutcomeMessage(message, json);

    /// <summary>The plain success answer of updates: <c>&lt;outcome&gt;&lt;message&gt;Success&lt;/message&gt;&lt;/outcome&gt;</c>.</summary>
    public static ApiAnswer Succeeded(bool json = false) => OutcomeMessage(Success, json);

    private static ApiAnswer OutcomeMessage(string message, bool json) => json
        ? Json(new JsonObject { ["message"] = message })
        : Xml(message, new XElement("outcome", new XElement("message", message)));

    /// <summary>The answer cut short, as a broken connection or proxy would leave it.</summary>
    public ApiAnswer Truncated() => this with { Body = Body[..(Body.Length / 2)] };
}

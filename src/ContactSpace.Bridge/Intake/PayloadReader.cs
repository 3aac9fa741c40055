using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ContactSpace.Bridge.Intake;

/// <summary>The parsed post as one tree (form fields and XML elements become JSON objects), or why it could not be read.</summary>
internal sealed record ParsedPayload(JsonNode? Root, IntakeRejection? Rejection)
{
    public bool Succeeded => Rejection is null;
}

/// <summary>
/// Turns a raw body into a tree that <see cref="FieldPath"/> can search: JSON as is, urlencoded and multipart
/// forms as an object of fields (repeated fields become lists), XML as nested objects keyed by local name.
/// Every failure is a rejection naming the problem; nothing here throws for bad input.
/// </summary>
internal sealed class PayloadReader(IntakeLimitOptions limits)
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public ParsedPayload Read(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType.Value is null)
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemCodes.UnsupportedMediaType,
                "A Content-Type header is required: application/json, application/x-www-form-urlencoded, multipart/form-data or XML.");
        }

        var kind = Classify(mediaType.MediaType.Value);
        if (kind == BodyKind.Unsupported)
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemCodes.UnsupportedMediaType,
                $"Content-Type '{mediaType.MediaType.Value}' is not accepted: use application/json, application/x-www-form-urlencoded, multipart/form-data or XML.");
        }

        if (!TryGetEncoding(mediaType, out var encoding))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", ProblemCodes.UnsupportedCharset,
                $"Charset '{mediaType.Charset.Value}' is not supported: send utf-8.");
        }

        if (body.IsEmpty)
        {
            return Reject(StatusCodes.Status400BadRequest, "Empty body", ProblemCodes.Empty, "The body is empty.");
        }

        try
        {
            return kind switch
            {
                BodyKind.Json => ReadJson(body, encoding),
                BodyKind.Form => ReadUrlEncoded(Decode(body, encoding)),
                BodyKind.Multipart => ReadMultipart(body, mediaType, encoding),
                _ => ReadXml(body, encoding),
            };
        }
        catch (DecoderFallbackException)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed,
                $"The body is not valid {encoding.WebName} text.");
        }
    }

    private ParsedPayload ReadJson(ReadOnlyMemory<byte> body, Encoding encoding)
    {
        JsonNode? root;
        try
        {
            root = encoding.CodePage == Encoding.UTF8.CodePage
                ? JsonNode.Parse(SkipUtf8Bom(body).Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 })
                : JsonNode.Parse(Decode(body, encoding), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed, $"The body is not valid JSON{where}.");
        }

        if (root is not (JsonObject or JsonArray))
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed, "The JSON body must be an object.");
        }

        var leaves = CountLeaves(root);
        return leaves > limits.MaxFields ? TooManyFields(leaves) : new ParsedPayload(root, null);
    }

    private ParsedPayload ReadUrlEncoded(string text)
    {
        Dictionary<string, StringValues> form;
        try
        {
            using var reader = new FormReader(text)
            {
                ValueCountLimit = limits.MaxFields,
                KeyLengthLimit = 2048,
                ValueLengthLimit = limits.MaxBodyBytes,
            };
            form = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return TooManyFields(null);
        }

        return FromFields(form.Select(pair => (pair.Key, pair.Value)));
    }

    private ParsedPayload ReadMultipart(ReadOnlyMemory<byte> body, MediaTypeHeaderValue mediaType, Encoding encoding)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed, "multipart/form-data needs a boundary parameter.");
        }

        var fields = new List<(string, StringValues)>();
        try
        {
            // The body is already in memory and bounded, so reading it synchronously through the async API never blocks on I/O.
            var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray(), writable: false))
            {
                HeadersCountLimit = 16,
                BodyLengthLimit = limits.MaxBodyBytes,
            };
            while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
            {
                if (fields.Count >= limits.MaxFields)
                {
                    return TooManyFields(null);
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed,
                        "A multipart section has no form-data Content-Disposition.");
                }

                if (disposition.IsFileDisposition())
                {
                    // Uploaded files are not lead data; they are not forwarded.
                    continue;
                }

                var sectionEncoding = encoding;
                if (section.ContentType is { } sectionType && MediaTypeHeaderValue.TryParse(sectionType, out var sectionMedia)
                    && !TryGetEncoding(sectionMedia, out sectionEncoding))
                {
                    return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", ProblemCodes.UnsupportedCharset,
                        $"Charset '{sectionMedia.Charset.Value}' of field '{HeaderUtilities.RemoveQuotes(disposition.Name)}' is not supported: send utf-8.");
                }

                using var buffer = new MemoryStream();
                section.Body.CopyTo(buffer);
                var value = Decode(buffer.ToArray(), sectionEncoding);
                fields.Add((HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, value));
            }
        }
        catch (IOException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed, $"The multipart body is malformed: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed, $"The multipart body is malformed: {ex.Message}");
        }

        return FromFields(fields);
    }

    private ParsedPayload ReadXml(ReadOnlyMemory<byte> body, Encoding encoding)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = limits.MaxBodyBytes * 4L,
        };
        var elements = 0;
        try
        {
            using var text = new StringReader(Decode(body, encoding));
            using var reader = XmlReader.Create(text, settings);
            reader.MoveToContent();
            var root = new JsonObject();
            var parents = new Stack<JsonObject>();
            var current = root;
            string? pendingName = null;
            while (!reader.EOF)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (++elements > limits.MaxFields)
                        {
                            return TooManyFields(null);
                        }

                        if (pendingName is not null)
                        {
                            // The previous element turned out to have children: it becomes an object.
                            var child = new JsonObject();
                            Add(current, pendingName, child);
                            parents.Push(current);
                            current = child;
                        }

                        pendingName = reader.LocalName;
                        if (reader.IsEmptyElement)
                        {
                            Add(current, pendingName, null);
                            pendingName = null;
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        if (pendingName is not null)
                        {
                            Add(current, pendingName, JsonValue.Create(reader.Value));
                            pendingName = null;
                            reader.Read();

                            // Skip to the element's end; mixed content is not lead data.
                            while (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                            {
                                reader.Read();
                            }

                            if (reader.NodeType == XmlNodeType.EndElement)
                            {
                                reader.Read();
                            }

                            continue;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (pendingName is not null)
                        {
                            Add(current, pendingName, JsonValue.Create(string.Empty));
                            pendingName = null;
                        }
                        else if (parents.Count > 0)
                        {
                            current = parents.Pop();
                        }

                        break;
                }

                reader.Read();
            }

            return new ParsedPayload(root, null);
        }
        catch (XmlException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed body", ProblemCodes.Malformed,
                $"The body is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}.");
        }
    }

    // XML has no lists of its own: a list in the tree always stands for a repeated element.
    private static void Add(JsonObject parent, string name, JsonNode? node)
    {
        if (!parent.TryGetPropertyValue(name, out var existing))
        {
            parent[name] = node;
        }
        else if (existing is JsonArray list)
        {
            list.Add(node);
        }
        else
        {
            parent.Remove(name);
            parent[name] = new JsonArray(existing, node);
        }
    }

    private ParsedPayload FromFields(IEnumerable<(string Key, StringValues Values)> fields)
    {
        var collected = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (key, values) in fields)
        {
            count += values.Count;
            if (!collected.TryGetValue(key, out var list))
            {
                collected[key] = list = [];
            }

            list.AddRange(values);
        }

        if (count > limits.MaxFields)
        {
            return TooManyFields(count);
        }

        var root = new JsonObject();
        foreach (var (key, values) in collected)
        {
            root[key] = values.Count == 1
                ? JsonValue.Create(values[0])
                : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        return new ParsedPayload(root, null);
    }

    private ParsedPayload TooManyFields(int? count) => Reject(StatusCodes.Status400BadRequest, "Too many fields", ProblemCodes.TooManyFields,
        count is { } n
            ? $"The body has {n} values; at most {limits.MaxFields} are accepted."
            : $"The body has more than {limits.MaxFields} values; at most {limits.MaxFields} are accepted.");

    private static int CountLeaves(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Sum(pair => CountLeaves(pair.Value)),
        JsonArray array => array.Sum(CountLeaves),
        _ => 1,
    };

    private static BodyKind Classify(string mediaType)
    {
        var type = mediaType.ToLowerInvariant();
        return type switch
        {
            "application/json" or "text/json" => BodyKind.Json,
            _ when type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("+json", StringComparison.Ordinal) => BodyKind.Json,
            "application/x-www-form-urlencoded" => BodyKind.Form,
            "multipart/form-data" => BodyKind.Multipart,
            "application/xml" or "text/xml" or "application/soap+xml" => BodyKind.Xml,
            _ when type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("+xml", StringComparison.Ordinal) => BodyKind.Xml,
            _ => BodyKind.Unsupported,
        };
    }

    private static bool TryGetEncoding(MediaTypeHeaderValue mediaType, out Encoding encoding)
    {
        encoding = _strictUtf8;
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value;
        if (string.IsNullOrEmpty(charset))
        {
            return true;
        }

        switch (charset.ToLowerInvariant())
        {
            case "utf-8" or "utf8":
                return true;
            case "us-ascii" or "ascii":
                encoding = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                return true;
            case "iso-8859-1" or "latin1":
                encoding = Encoding.Latin1;
                return true;
            case "utf-16" or "utf-16le":
                encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
                return true;
            default:
                return false;
        }
    }

    private static string Decode(ReadOnlyMemory<byte> body, Encoding encoding)
    {
        var text = encoding.GetString(body.Span);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static ReadOnlyMemory<byte> SkipUtf8Bom(ReadOnlyMemory<byte> body)
        => body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static ParsedPayload Reject(int status, string title, string code, string message)
        => new(null, IntakeRejection.One(status, title, "body", code, message));

    private enum BodyKind
    {
        Unsupported,
        Json,
        Form,
        Multipart,
        Xml,
    }
}

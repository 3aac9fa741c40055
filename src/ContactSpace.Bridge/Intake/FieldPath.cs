using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// Where a value sits in a parsed post. A literal key (<c>your-name</c>, <c>input_1.3</c>, <c>fields[email][value]</c>)
/// is tried first; otherwise the text is a path: <c>contact.phones[0].number</c>, quoted names
/// <c>data["First Name"]</c>, or a filter picking the first list item whose sub-path equals a value
/// (<c>answers[field.ref=email].email</c>); a bare name in brackets is a member (<c>fields[email][value]</c>). Stepping by name into a list without an index takes its first item,
/// which is what XML repeats and single-item lists need.
/// </summary>
internal sealed class FieldPath
{
    private readonly Segment[] _segments;

    private FieldPath(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public override string ToString() => Text;

    public static bool TryParse(string text, out FieldPath? path, out string? error)
    {
        path = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        var segments = new List<Segment>();
        var name = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '.')
            {
                FlushName(name, segments);
                i++;
            }
            else if (c == '[')
            {
                FlushName(name, segments);
                var close = FindClose(text, i);
                if (close < 0)
                {
                    error = $"has an unclosed '[' at {i}";
                    return false;
                }

                if (!TryParseBracket(text[(i + 1)..close], out var segment, out error))
                {
                    return false;
                }

                segments.Add(segment!);
                i = close + 1;
            }
            else
            {
                name.Append(c);
                i++;
            }
        }

        FlushName(name, segments);
        if (segments.Count == 0)
        {
            error = "names nothing";
            return false;
        }

        path = new FieldPath(text, [.. segments]);
        return true;
    }

    public static FieldPath Parse(string text) => TryParse(text, out var path, out var error)
        ? path!
        : throw new FormatException($"Path '{text}' {error}.");

    /// <summary>The text at this path, or null when the post has none (objects have no text; scalar lists are joined).</summary>
    public string? Resolve(JsonNode? root)
    {
        if (root is JsonObject rootObject && rootObject.TryGetPropertyValue(Text, out var literal))
        {
            return AsText(literal);
        }

        return AsText(Walk(root));
    }

    /// <summary>The items at this path: a list's items, or the single node found; none when absent.</summary>
    public IReadOnlyList<JsonNode> ResolveItems(JsonNode? root)
    {
        var node = root is JsonObject rootObject && rootObject.TryGetPropertyValue(Text, out var literal) ? literal : Walk(root);
        return node switch
        {
            null => [],
            JsonArray array => [.. array.Where(item => item is not null).Select(item => item!)],
            _ => [node],
        };
    }

    private JsonNode? Walk(JsonNode? node)
    {
        foreach (var segment in _segments)
        {
            if (node is null)
            {
                return null;
            }

            node = segment.Step(node);
        }

        return node;
    }

    private static string? AsText(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Null => null,
                    _ => value.ToJsonString(),
                };
            case JsonArray array:
                var parts = array.Where(item => item is JsonValue).Select(AsText).Where(s => !string.IsNullOrEmpty(s)).ToList();
                return parts.Count == 0 ? null : string.Join(", ", parts);
            default:
                return null;
        }
    }

    private static void FlushName(StringBuilder name, List<Segment> segments)
    {
        if (name.Length > 0)
        {
            segments.Add(new NameSegment(name.ToString()));
            name.Clear();
        }
    }

    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryParseBracket(string inner, out Segment? segment, out string? error)
    {
        segment = null;
        error = null;
        inner = inner.Trim();
        if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0])
        {
            segment = new NameSegment(inner[1..^1]);
            return true;
        }

        if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            segment = new IndexSegment(index);
            return true;
        }

        var equals = inner.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            var value = inner[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (!TryParse(inner[..equals].Trim(), out var key, out error))
            {
                error = $"has a filter whose key {error}";
                return false;
            }

            segment = new FilterSegment(key!, value);
            return true;
        }

        if (inner.Length > 0 && equals < 0 && !inner.Contains('[', StringComparison.Ordinal))
        {
            // PHP-style form keys (fields[email][value]) name nested members.
            segment = new NameSegment(inner);
            return true;
        }

        error = $"has '[{inner}]', which is neither an index, a name nor a key=value filter";
        return false;
    }

    private abstract class Segment
    {
        public abstract JsonNode? Step(JsonNode node);
    }

    private sealed class NameSegment(string name) : Segment
    {
        public override JsonNode? Step(JsonNode node)
        {
            if (node is JsonArray array)
            {
                node = array.Count > 0 ? array[0]! : null!;
            }

            if (node is not JsonObject obj)
            {
                return null;
            }

            if (obj.TryGetPropertyValue(name, out var exact))
            {
                return exact;
            }

            foreach (var (key, value) in obj)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }
    }

    private sealed class IndexSegment(int index) : Segment
    {
        public override JsonNode? Step(JsonNode node) => node switch
        {
            JsonArray array => index < array.Count ? array[index] : null,
            _ when index == 0 => node,
            _ => null,
        };
    }

    private sealed class FilterSegment(FieldPath key, string value) : Segment
    {
        public override JsonNode? Step(JsonNode node)
        {
            IEnumerable<JsonNode?> items = node is JsonArray array ? array : [node];
            return items.FirstOrDefault(item => string.Equals(key.Resolve(item), value, StringComparison.OrdinalIgnoreCase));
        }
    }
}

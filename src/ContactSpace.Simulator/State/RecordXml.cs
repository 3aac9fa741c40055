using System.Xml;

namespace ContactSpace.Simulator.State;

/// <summary>
/// Reads the <c>xmldata</c> parameter (<c>&lt;record&gt;&lt;Field&gt;value&lt;/Field&gt;…&lt;/record&gt;</c>) into
/// field/value pairs. Anything that would not become a clean column list is refused with the SQL-syntax
/// message the real service leaks, because it builds its INSERT from the tags.
/// </summary>
public static class RecordXml
{
    private static readonly XmlReaderSettings _settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? xmldata)
    {
        if (string.IsNullOrWhiteSpace(xmldata))
        {
            throw ContactSpaceFailureException.SqlSyntax(") VALUES (0,1,)");
        }

        try
        {
            return ReadRecord(xmldata);
        }
        catch (XmlException ex)
        {
            throw ContactSpaceFailureException.SqlSyntax(Near(xmldata, ex.LinePosition));
        }
    }

    private static List<KeyValuePair<string, string>> ReadRecord(string xmldata)
    {
        var fields = new List<KeyValuePair<string, string>>();
        using var text = new StringReader(xmldata);
        using var reader = XmlReader.Create(text, _settings);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "record")
        {
            throw ContactSpaceFailureException.SqlSyntax(Near(xmldata, 1));
        }

        if (reader.IsEmptyElement)
        {
            return fields;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    var name = reader.Name;
                    if (fields.Exists(f => f.Key == name))
                    {
                        throw new ContactSpaceFailureException($"Column '{name}' specified twice");
                    }

                    // ReadElementContentAsString refuses child elements, which is the refusal wanted.
                    fields.Add(new(name, reader.ReadElementContentAsString()));
                    break;
                default:
                    throw ContactSpaceFailureException.SqlSyntax(reader.Value.Length > 0 ? Truncate(reader.Value) : ") VALUES (0,1,)");
            }
        }

        return fields;
    }

    private static string Near(string xmldata, int linePosition)
    {
        var start = Math.Clamp(linePosition - 1, 0, xmldata.Length);
        return Truncate(xmldata[start..]);
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40];
}

using System.Text;
using System.Xml;

namespace ContactSpace.Client.Xml;

/// <summary>
/// Writes the <c>xmldata</c> parameter: <c>&lt;record&gt;&lt;Field&gt;value&lt;/Field&gt;…&lt;/record&gt;</c>. Values are escaped by
/// <see cref="XmlWriter"/> and field names must be XML names, so no input can change the record's structure.
/// </summary>
internal static class RecordXml
{
    private static readonly XmlWriterSettings _writerSettings = new()
    {
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Fragment,
        CheckCharacters = true,
        // Keep newlines in values as they are; the default would normalise them.
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <summary>Builds the record; throws <see cref="ContactSpaceException"/> (nothing sent) for a bad field name or value.</summary>
    public static string Write(string function, IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder(64 + (fields.Count * 32));
        using (var writer = XmlWriter.Create(text, _writerSettings))
        {
            writer.WriteStartElement("record");
            foreach (var (name, value) in fields)
            {
                FieldNames.Validate(function, name);
                if (value is null)
                {
                    throw Refused(function, $"The value of field '{name}' is null; send an empty string to clear a field.");
                }

                var invalid = InvalidCharacterIndex(value);
                if (invalid >= 0)
                {
                    throw Refused(function, $"The value of field '{name}' contains a character XML cannot carry (U+{(int)value[invalid]:X4} at position {invalid}).");
                }

                writer.WriteElementString(name, value);
            }

            writer.WriteEndElement();
        }

        return text.ToString();
    }

    internal static ContactSpaceException Refused(string function, string message)
        => new(function, $"{function} refused before sending: {message}", new ContactSpaceFailure(
            HttpStatus: null, ServiceMessage: null, IsTransient: false, RequestSent: false, MayHaveBeenApplied: false));

    private static int InvalidCharacterIndex(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Checks field names: contactSPACE field names go into element names, so each must be an XML name without a prefix.</summary>
internal static class FieldNames
{
    public static void Validate(string function, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw RecordXml.Refused(function, "A field name is empty.");
        }

        try
        {
            XmlConvert.VerifyNCName(name);
        }
        catch (XmlException)
        {
            throw RecordXml.Refused(function, $"'{Printable(name)}' is not a valid field name (field names are XML names: a letter or '_' first, then letters, digits, '_', '-' or '.').");
        }
    }

    // A rejected name may hold control characters or markup; show it escaped, and short.
    private static string Printable(string name)
    {
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        var builder = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        }

        return builder.ToString();
    }
}

using System.Text;
using System.Xml;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Api;

/// <summary>
/// SetValue's <c>modulefieldupdate=field='value'</c>. The service pastes it into an UPDATE, so the value is a
/// MySQL string literal: a quote inside is written <c>\'</c> or <c>''</c>; an unescaped one breaks the statement.
/// </summary>
public static class FieldAssignment
{
    public static (string Field, string Value) Parse(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw ContactSpaceFailureException.SqlSyntax(assignment);
        }

        var field = assignment[..equals].Trim();
        var literal = assignment[(equals + 1)..].Trim();
        if (!IsIdentifier(field) || literal.Length < 2 || literal[0] != '\'' || literal[^1] != '\'')
        {
            throw ContactSpaceFailureException.SqlSyntax(assignment);
        }

        var value = Unescape(literal[1..^1], assignment);
        if (!IsXmlText(value))
        {
            throw new ContactSpaceFailureException($"Incorrect string value for column '{field}' at row 1");
        }

        return (field, value);
    }

    private static string Unescape(string body, string assignment)
    {
        var value = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                value.Append(body[++i] switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    var other => other,
                });
            }
            else if (c == '\'' && i + 1 < body.Length && body[i + 1] == '\'')
            {
                value.Append('\'');
                i++;
            }
            else if (c is '\'' or '\\')
            {
                // A lone quote ends the literal early: what follows is SQL garbage.
                throw ContactSpaceFailureException.SqlSyntax(assignment[Math.Max(0, assignment.IndexOf(body, StringComparison.Ordinal) + i)..]);
            }
            else
            {
                value.Append(c);
            }
        }

        return value.ToString();
    }

    private static bool IsIdentifier(string name)
    {
        try
        {
            XmlConvert.VerifyName(name);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static bool IsXmlText(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}

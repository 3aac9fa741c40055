using System.Globalization;

namespace ContactSpace.Simulator.State;

/// <summary>The column types an initiative's fields can have; values must suit them or the write fails.</summary>
public enum FieldType
{
    Text,
    WholeNumber,
    DecimalNumber,
    Date,
    DateTime,
}

/// <summary>One field of an initiative, with the checks MySQL would make on a value written to it.</summary>
public sealed record FieldDefinition(string Name, FieldType Type, int? MaxLength)
{
    public static FieldType ParseType(string field, string type) => type.ToUpperInvariant() switch
    {
        "TEXT" or "STRING" => FieldType.Text,
        "INTEGER" or "INT" => FieldType.WholeNumber,
        "DECIMAL" or "NUMBER" => FieldType.DecimalNumber,
        "DATE" => FieldType.Date,
        "DATETIME" => FieldType.DateTime,
        _ => throw new InvalidOperationException(
            $"Field '{field}' has type '{type}'; use text, integer, decimal, date or datetime."),
    };

    /// <summary>Throws the service's own message when <paramref name="value"/> does not fit the column.</summary>
    public void Check(string value)
    {
        // MySQL in non-strict mode would coerce empty strings; contactSPACE stores them, so allow them everywhere.
        if (value.Length == 0)
        {
            return;
        }

        var fits = Type switch
        {
            FieldType.WholeNumber => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            FieldType.DecimalNumber => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            FieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            FieldType.DateTime => System.DateTime.TryParseExact(
                value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        if (!fits)
        {
            var typeName = Type switch
            {
                FieldType.WholeNumber => "integer",
                FieldType.DecimalNumber => "decimal",
                FieldType.Date => "date",
                _ => "datetime",
            };
            throw new ContactSpaceFailureException($"Incorrect {typeName} value: '{value}' for column '{Name}' at row 1");
        }

        if (MaxLength is { } max && value.Length > max)
        {
            throw new ContactSpaceFailureException($"Data too long for column '{Name}' at row 1");
        }
    }
}

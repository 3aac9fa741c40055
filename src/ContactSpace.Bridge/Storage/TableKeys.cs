using System.Security.Cryptography;
using System.Text;

namespace ContactSpace.Bridge.Storage;

/// <summary>Turns free text into valid PartitionKey/RowKey values (no '/', '\\', '#', '?', control characters).</summary>
public static class TableKeys
{
    /// <summary>A key made from a value that callers chose (route names): readable when safe, escaped otherwise.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A fixed-length key for values of any length and content (idempotency keys, message texts).</summary>
    public static string Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }
}

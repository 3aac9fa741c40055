using System.Text.RegularExpressions;

namespace ContactSpace.Client.Transport;

/// <summary>Makes URLs and texts safe to log: the API key is masked and record data (personal data) is summarised.</summary>
internal static partial class UrlRedactor
{
    public const string Mask = "***";

    /// <summary>Masks <c>apikey</c> and replaces <c>xmldata</c> with its length.</summary>
    public static string Redact(string url)
    {
        var withoutKey = ApiKeyParameter().Replace(url, "${name}=" + Mask);
        return XmlDataParameter().Replace(withoutKey, m => $"{m.Groups["name"].Value}=({m.Groups["value"].Length} chars)");
    }

    /// <summary>Removes every occurrence of the key from a text that came back from the service (it may echo the request).</summary>
    public static string? RemoveSecret(string? text, string? secret)
        => text is null || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);

    [GeneratedRegex("(?<name>apikey)=[^&#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyParameter();

    [GeneratedRegex("(?<name>xmldata)=(?<value>[^&#]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDataParameter();
}

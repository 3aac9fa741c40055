using System.Text;

namespace ContactSpace.Client.Transport;

/// <summary>Builds the classic API's request URL: <c>{base}?apikey=…&amp;function=…&amp;{parameters}</c>, every value escaped.</summary>
internal static class ContactSpaceUrl
{
    /// <summary>The longest URL sent: longer ones are refused, never truncated (proxies and servers commonly cut at 8 KB).</summary>
    public const int MaxLength = 8 * 1024;

    public static string Build(Uri baseUrl, string apiKey, ContactSpaceRequest request)
    {
        var builder = new StringBuilder(256);
        builder.Append(baseUrl.GetLeftPart(UriPartial.Path));
        builder.Append("?apikey=").Append(Uri.EscapeDataString(apiKey));
        builder.Append("&function=").Append(Uri.EscapeDataString(request.Function));
        foreach (var (name, value) in request.Parameters)
        {
            builder.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}

namespace ContactSpace.Bridge.Leads;

/// <summary>
/// One post to <c>/api/leads/{route}</c>, detached from any host: the raw body (signatures are computed over
/// it), the headers and the URL. Built from an ASP.NET Core <c>HttpRequest</c> by the HTTP adapter.
/// </summary>
/// <param name="RouteName">The <c>{route}</c> segment of the URL.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Url">The full request URL as the sender saw it (HubSpot v3 signs it).</param>
/// <param name="Headers">Request headers, case-insensitive; repeated headers joined with a comma.</param>
/// <param name="Body">The raw body, read up to the configured limit.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
public sealed record IntakeRequest(
    string RouteName,
    string Method,
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    string? ContentType);

using System.Xml.Linq;

namespace ContactSpace.Client.Transport;

/// <summary>
/// The seam between the client and the wire. The classic API (query string in, XML out) is one implementation;
/// a header-auth JSON API can be another, answering in the same element tree so the client's readers stay as they are.
/// </summary>
internal interface IContactSpaceTransport
{
    /// <summary>
    /// Sends the request and returns the answer's root element. Throws <see cref="ContactSpaceException"/> for any failure
    /// of the exchange itself (refused before sending, timeout, connection, HTTP status, unreadable body), and
    /// <see cref="OperationCanceledException"/> when the caller cancels after the request was sent.
    /// </summary>
    Task<XElement> SendAsync(ContactSpaceRequest request, CancellationToken cancellationToken);
}

using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ContactSpace.Client.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ContactSpace.Client.Transport;

/// <summary>
/// The classic API of guide 2.1: a GET with the key and every parameter in the query string, answered with XML.
/// Reads go through a client that retries transient failures; writes through one that never retries.
/// </summary>
internal sealed partial class QueryStringXmlTransport(
    IHttpClientFactory httpClientFactory,
    IOptions<ContactSpaceClientOptions> options,
    TimeProvider timeProvider,
    ILogger<QueryStringXmlTransport> logger) : IContactSpaceTransport
{
    public const string ReadClientName = "ContactSpace.Read";
    public const string WriteClientName = "ContactSpace.Write";

    /// <summary>Longest Retry-After a read retry waits for; longer ones go back to the caller.</summary>
    internal static readonly TimeSpan MaxRetryAfterWait = TimeSpan.FromSeconds(2);

    private const int MaxServiceMessageLength = 1000;

    private static readonly XmlReaderSettings _readerSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    public async Task<XElement> SendAsync(ContactSpaceRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var apiKey = settings.ApiKey!;
        var baseUrl = request.Api == ContactSpaceApi.Beta ? settings.BetaBaseUrl! : settings.BaseUrl!;
        var url = ContactSpaceUrl.Build(baseUrl, apiKey, request);
        var redactedUrl = UrlRedactor.Redact(url);

        try
        {
            if (url.Length > ContactSpaceUrl.MaxLength)
            {
                throw RecordXml.Refused(
                    request.Function,
                    $"the request URL would be {url.Length} characters, over the safe limit of {ContactSpaceUrl.MaxLength}; it is not sent truncated. Send fewer or shorter values.");
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            using var deadline = new CancellationTokenSource(Deadline(request, settings), timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var client = httpClientFactory.CreateClient(request.IsReadOnly ? ReadClientName : WriteClientName);
            var started = timeProvider.GetTimestamp();
            ClientLog.Sending(logger, request.Function, redactedUrl);
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                ClientLog.Answered(logger, request.Function, (int)response.StatusCode, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
                return Interpret(request.Function, response, UrlRedactor.RemoveSecret(body, apiKey)!);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (WasSent(message))
                {
                    // Cancelled in flight: the caller must treat the call as possibly applied.
                    throw;
                }

                throw new ContactSpaceException(
                    request.Function,
                    $"{request.Function} was cancelled while waiting for a slot in the call budget; nothing was sent.",
                    new ContactSpaceFailure(null, null, IsTransient: true, RequestSent: false, MayHaveBeenApplied: false));
            }
            catch (Exception exception) when (exception is OperationCanceledException or TimeoutRejectedException)
            {
                var sent = WasSent(message);
                throw new ContactSpaceException(
                    request.Function,
                    sent
                        ? $"{request.Function} timed out after the request was sent; the call may have been applied."
                        : $"{request.Function} timed out waiting for a slot in the call budget; nothing was sent.",
                    new ContactSpaceFailure(null, null, IsTransient: true, RequestSent: sent, MayHaveBeenApplied: sent),
                    exception);
            }
            catch (RateLimitQueueFullException exception)
            {
                throw new ContactSpaceException(
                    request.Function,
                    $"{request.Function} was not sent: too many calls are waiting for the call budget.",
                    new ContactSpaceFailure(null, null, IsTransient: true, RequestSent: false, MayHaveBeenApplied: false),
                    exception);
            }
            catch (HttpRequestException exception)
            {
                // A connection that was never made cannot have carried the request.
                var connected = WasSent(message) && exception.HttpRequestError is not (HttpRequestError.ConnectionError
                    or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
                throw new ContactSpaceException(
                    request.Function,
                    $"{request.Function} failed: the connection to contactSPACE failed ({exception.HttpRequestError})"
                        + (connected ? "; the call may have been applied." : " before the request was delivered."),
                    new ContactSpaceFailure(null, null, IsTransient: true, RequestSent: WasSent(message), MayHaveBeenApplied: connected),
                    exception);
            }
            catch (IOException exception)
            {
                // Handlers other than the socket one (in-process test servers, proxies) report a cut connection this way.
                throw new ContactSpaceException(
                    request.Function,
                    $"{request.Function} failed: the connection to contactSPACE was cut; the call may have been applied.",
                    new ContactSpaceFailure(null, null, IsTransient: true, RequestSent: WasSent(message), MayHaveBeenApplied: WasSent(message)),
                    exception);
            }
        }
        catch (ContactSpaceException exception)
        {
            ClientLog.Failed(logger, request.Function, exception.IsTransient, exception.RequestSent, exception.MayHaveBeenApplied, exception.Message, redactedUrl);
            throw;
        }
    }

    /// <summary>Turns an HTTP answer into the XML root, or the failure it stands for.</summary>
    internal static XElement Interpret(string function, HttpResponseMessage response, string body)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw HttpFailure(function, response, TryReadMessage(body));
        }

        return ParseBody(function, (int)response.StatusCode, body);
    }

    /// <summary>Reads a successful answer's body into its XML root, or the failure it stands for.</summary>
    internal static XElement ParseBody(string function, int status, string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
        {
            throw Answer.Malformed(function, "the body is empty", status);
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(text), _readerSettings);
            return XDocument.Load(reader).Root!;
        }
        catch (XmlException exception)
        {
            // contactSPACE answers some bad inputs with a raw MySQL error instead of XML: that is a rejection, not noise.
            if (SqlError().IsMatch(text))
            {
                throw Answer.Rejected(function, Shorten(text), status);
            }

            throw Answer.Malformed(function, "the body is not well-formed XML", status, exception);
        }
    }

    private static ContactSpaceException HttpFailure(string function, HttpResponseMessage response, string? serviceMessage)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        if (retryAfter < TimeSpan.Zero)
        {
            retryAfter = TimeSpan.Zero;
        }

        var (transient, mayHaveBeenApplied, meaning) = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => (true, false, "contactSPACE asked to slow down"),
            HttpStatusCode.RequestTimeout => (true, false, "contactSPACE timed out waiting for the request"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (false, false, "contactSPACE refused the API key"),
            _ when status >= 500 => (true, true, "contactSPACE had a server error; the call may have been applied"),
            _ => (false, false, "contactSPACE rejected the request"),
        };
        var detail = serviceMessage is null ? string.Empty : $": \"{serviceMessage}\"";
        return new ContactSpaceException(
            function,
            $"{function} failed with HTTP {status}: {meaning}{detail}.",
            new ContactSpaceFailure(status, serviceMessage, transient, RequestSent: true, mayHaveBeenApplied, retryAfter));
    }

    private static string? TryReadMessage(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body.Trim()), _readerSettings);
            var root = XDocument.Load(reader).Root;
            return root is null ? null : Answer.OutcomeMessage(root);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Shorten(string text)
        => text.Length <= MaxServiceMessageLength ? text : text[..MaxServiceMessageLength] + "…";

    private static bool WasSent(HttpRequestMessage message)
        => message.Options.TryGetValue(RateLimitingHandler.SentKey, out var sent) && sent;

    // Reads may be retried: allow each attempt its timeout and the waits between them.
    private static TimeSpan Deadline(ContactSpaceRequest request, ContactSpaceClientOptions settings)
        => request.IsReadOnly
            ? (settings.Timeout * (settings.MaxReadRetries + 1)) + (MaxRetryAfterWait * settings.MaxReadRetries) + TimeSpan.FromSeconds(1)
            : settings.Timeout;

    [GeneratedRegex(@"error in your SQL syntax|SQLSTATE|Unknown column|Data truncated|Incorrect \w+ value", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlError();
}

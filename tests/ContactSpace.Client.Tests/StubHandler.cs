using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ContactSpace.Client.Tests;

/// <summary>Answers every request through <see cref="Respond"/> and records what was asked.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    public StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        Respond = respond;
    }

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; }

    public IReadOnlyList<Uri> Requests => _requests.ToArray();

    public Uri LastRequest => _requests.Last();

    /// <summary>Answers every call with the same XML body.</summary>
    public static StubHandler Xml(string body, HttpStatusCode status = HttpStatusCode.OK)
        => new((_, _) => Task.FromResult(Response(body, status)));

    /// <summary>Answers the calls in turn with the given responses (the last one repeats).</summary>
    public static StubHandler Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var index = -1;
        return new((_, _) => Task.FromResult(responses[Math.Min(Interlocked.Increment(ref index), responses.Length - 1)]()));
    }

    public static HttpResponseMessage Response(string body, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        return Respond(request, cancellationToken);
    }
}

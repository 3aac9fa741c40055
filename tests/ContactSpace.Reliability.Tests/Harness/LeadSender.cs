using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// Posts leads the way a well-behaved webhook sender does: the same Idempotency-Key on every try, a retry after
/// 503/429 (honouring Retry-After), 409 (still in flight) and dropped connections, and a stop at a 2xx or a final
/// 4xx. A sender that never got an answer within its patience gives up, and the run counts that.
/// </summary>
internal sealed class LeadSender(HttpClient http, TimeSpan patience)
{
    private static readonly TimeSpan _longestWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _shortestWait = TimeSpan.FromMilliseconds(100);
    private long _retries;

    /// <summary>Posts after the first one, for any reason.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public async Task SendAsync(SentLead lead, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(LeadPayload.For(lead));
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
            }

            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/leads/{lead.Route}", UriKind.Relative))
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Add("Idempotency-Key", lead.IdempotencyKey);
                using var response = await http.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                lead.RecordAnswer(status);
                if (response.IsSuccessStatusCode)
                {
                    lead.LeadId ??= await ReadLeadIdAsync(response, cancellationToken);
                    return;
                }

                if (SentLead.IsFinalRefusal(status))
                {
                    return;
                }

                wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(500);
            }
            catch (HttpRequestException)
            {
                lead.RecordTransportFailure();
                wait = TimeSpan.FromMilliseconds(500);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The client's own timeout: the answer never came, which a sender treats like a dropped connection.
                lead.RecordTransportFailure();
                wait = TimeSpan.FromMilliseconds(500);
            }

            if (watch.Elapsed > patience)
            {
                return;
            }

            // Retry-After is honoured, but shortened: the suite compresses hours of sender patience into seconds.
            await Task.Delay(wait < _shortestWait ? _shortestWait : wait > _longestWait ? _longestWait : wait, cancellationToken);
        }
    }

    private static async Task<string?> ReadLeadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("leadId", out var id)
                ? id.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The JSON a web form posts for a lead; the route's mapping turns it into contactSPACE fields.</summary>
internal static class LeadPayload
{
    public static Dictionary<string, string> For(SentLead lead) => new()
    {
        ["firstName"] = "Reliability",
        ["lastName"] = $"Lead {lead.Number}",
        ["email"] = lead.Marker,
        ["phone"] = $"+6141{lead.Number % 10_000_000:D7}",
    };
}

/// <summary>Answers that say something about the bridge, counted per status code.</summary>
internal static class StatusTally
{
    public static string Describe(IEnumerable<SentLead> leads) => string.Join(", ", leads
        .SelectMany(l => l.Statuses)
        .GroupBy(s => s)
        .OrderBy(g => g.Key)
        .Select(g => $"{g.Key}×{g.Count()}"));
}

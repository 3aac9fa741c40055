using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Azure.Storage.Queues;

namespace ContactSpace.Bridge.Delivery;

/// <summary>
/// A delivery queue message: which lead, when its attempt was due, and whether the attempt must look for an
/// existing record first. The lead itself stays in the Leads table, so a message is tiny and holds no personal data.
/// </summary>
/// <param name="LeadId">The lead to deliver.</param>
/// <param name="NotBefore">When this attempt was scheduled; an older message than the row's next attempt is superseded.</param>
/// <param name="CheckFirst">The previous attempt may have created the record.</param>
public sealed record DeliveryMessage(string LeadId, DateTimeOffset NotBefore, bool CheckFirst)
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _options);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DeliveryMessage? message)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<DeliveryMessage>(text, _options);
        }
        catch (JsonException)
        {
            return false;
        }

        return message is not null && LeadsTable.IsPlausibleLeadId(message.LeadId);
    }
}

/// <summary>Sends delivery messages that never expire (time-to-live -1): a lead is dead-lettered, never dropped.</summary>
internal sealed class DeliveryQueue(DeliveryStorage storage)
{
    private static readonly TimeSpan _neverExpires = TimeSpan.FromSeconds(-1);
    private static readonly TimeSpan _longestInvisibility = TimeSpan.FromDays(7);
    private readonly QueueClient _queue = storage.DeliveryQueue;

    public async Task SendAsync(DeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > _longestInvisibility ? _longestInvisibility : delay;
        await _queue.SendMessageAsync(message.ToJson(), visibility, _neverExpires, cancellationToken).ConfigureAwait(false);
    }
}

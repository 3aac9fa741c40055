using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSpace.Bridge.Leads;

namespace ContactSpace.Bridge.Delivery;

/// <summary>The one JSON shape of a mapped lead in the Leads and DeadLetters tables.</summary>
internal static class MappedLeadJson
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(MappedLead lead) => JsonSerializer.SerializeToUtf8Bytes(lead, _options);

    public static MappedLead? Deserialize(byte[]? utf8) =>
        utf8 is null ? null : JsonSerializer.Deserialize<MappedLead>(utf8, _options);
}

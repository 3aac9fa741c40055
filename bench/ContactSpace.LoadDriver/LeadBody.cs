using System.Globalization;
using System.Text.Json;

namespace ContactSpace.LoadDriver;

/// <summary>A web form's lead as JSON, unique per run and index.</summary>
internal static class LeadBody
{
    public static byte[] For(string runId, int index) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
    {
        ["firstName"] = "Load",
        ["lastName"] = string.Create(CultureInfo.InvariantCulture, $"Lead {index}"),
        ["email"] = string.Create(CultureInfo.InvariantCulture, $"load{index}.{runId}@load.example"),
        ["phone"] = string.Create(CultureInfo.InvariantCulture, $"+6141{index % 10_000_000:D7}"),
    });
}

using Azure.Data.Tables;

namespace ContactSpace.Bridge.Storage;

/// <summary>
/// Stores a byte array larger than one table property allows (64 KiB) across numbered binary properties
/// (<c>Body0</c>, <c>Body1</c>, … and <c>BodyChunks</c>). An entity holds up to 1 MiB in all.
/// </summary>
public static class ChunkedProperty
{
    private const int ChunkSize = 64_000;

    public static void Write(TableEntity entity, string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = (value.Length + ChunkSize - 1) / ChunkSize;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkSize;
            entity[ChunkName(name, i)] = value.Slice(start, Math.Min(ChunkSize, value.Length - start)).ToArray();
        }

        entity[name + "Chunks"] = chunks;
    }

    /// <summary>The stored bytes, or null when the value was never written or has been removed.</summary>
    public static byte[]? Read(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32(name + "Chunks");
        if (chunks is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks.Value; i++)
        {
            var chunk = entity.GetBinary(ChunkName(name, i));
            if (chunk is null)
            {
                return null;
            }

            buffer.Write(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Removes the value from the entity (write it back with a Replace update for the removal to last).</summary>
    public static void Remove(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32(name + "Chunks") ?? 0;
        for (var i = 0; i < chunks; i++)
        {
            entity.Remove(ChunkName(name, i));
        }

        entity.Remove(name + "Chunks");
    }

    private static string ChunkName(string name, int index) =>
        name + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>One tensor's header entry: its dtype, shape and where its bytes lie in the data section.</summary>
internal sealed record TensorEntry(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>
/// The JSON header of a safetensors file, checked before any tensor data is read: a bounded length, UTF-8 JSON of bounded
/// depth and entry count, unique names, known dtypes, shapes whose byte size cannot overflow and equals each byte range,
/// and ranges that lie inside the data section, do not overlap and cover all of it.
/// </summary>
/// <param name="Tensors">The entries in data order.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings.</param>
internal sealed record SafetensorsHeader(IReadOnlyList<TensorEntry> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The longest header read (as the format's reference reader allows).</summary>
    public const int MaxLength = 100_000_000;

    /// <summary>The most entries (tensors and metadata keys) a header may have.</summary>
    public const int MaxEntries = 1_000_000;

    /// <summary>The largest data section read: one array's worth (about 2 GB).</summary>
    public static long MaxData => Array.MaxLength;

    private const string Key = "__metadata__";

    /// <summary>The header length from the file's first 8 bytes, within the bound and within a file of <paramref name="fileLength"/> bytes.</summary>
    public static int Length(ReadOnlySpan<byte> first8, long fileLength, string path)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(first8);
        if (n > MaxLength) throw Bad(path, $"not a safetensors file: header length {n} is more than the {MaxLength} bytes allowed");
        if ((long)n > fileLength - 8) throw Bad(path, $"truncated or not a safetensors file: header length {n} runs past the end of the file ({fileLength} bytes)");
        return (int)n;
    }

    /// <summary>Parses and checks the header's bytes against a data section of <paramref name="dataLength"/> bytes.</summary>
    public static SafetensorsHeader Parse(ReadOnlyMemory<byte> header, long dataLength, string path)
    {
        if (!Utf8.IsValid(header.Span)) throw Bad(path, $"not a safetensors file: the {header.Length}-byte header is not UTF-8 text");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 4 }); }
        catch (JsonException e)
        {
            throw Bad(path, $"not a safetensors file: the {header.Length}-byte header is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "not a safetensors file: the header is not a JSON object");
            var entries = new List<TensorEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (names.Count == MaxEntries) throw Bad(path, $"the header has more than {MaxEntries} entries");
                    if (!names.Add(p.Name)) throw Bad(path, $"\"{p.Name}\" appears twice in the header");
                    if (p.Name == Key) ReadMetadata(p.Value, metadata, path);
                    else entries.Add(ReadEntry(p.Name, p.Value, dataLength, path));
                }
            }
            catch (InvalidOperationException) { throw Bad(path, "the header holds a string that is not valid text (an unpaired surrogate escape)"); }
            if (dataLength > MaxData) throw Bad(path, $"{dataLength} bytes of tensor data is more than the {MaxData} read at most");
            var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
            CheckCoverage(ordered, dataLength, path);
            return new SafetensorsHeader(ordered, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"{Key} is not a JSON object");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"{Key} \"{m.Name}\" is not a string");
            if (!metadata.TryAdd(m.Name, m.Value.GetString()!)) throw Bad(path, $"{Key} \"{m.Name}\" appears twice");
        }
    }

    private static TensorEntry ReadEntry(string name, JsonElement e, long dataLength, string path)
    {
        string what = $"tensor \"{name}\"";
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw Bad(path, $"{what}: header entry needs \"dtype\", \"shape\" and \"data_offsets\": [begin, end]");
        string dtype = dt.GetString()!;
        if (!SafetensorsTensor.ElementSizes.TryGetValue(dtype, out int size)) throw Bad(path, $"{what}: unknown dtype \"{dtype}\"");
        var shape = new long[sh.GetArrayLength()];
        int i = 0;
        foreach (var d in sh.EnumerateArray())
            shape[i++] = d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long v) && v >= 0 ? v
                : throw Bad(path, $"{what}: shape {sh.GetRawText()} is not a list of non-negative integers");
        long begin = Offset(off[0], what, path), end = Offset(off[1], what, path);
        if (begin > end || end > dataLength)
            throw Bad(path, $"{what}: data offsets [{begin}, {end}] lie outside the {dataLength}-byte data buffer (truncated file?)");
        string shapeText = $"[{string.Join(", ", shape)}]";
        long bytes = ByteSize(shape, size) ?? throw Bad(path, $"{what}: {dtype} shape {shapeText} has more elements than can be stored");
        if (end - begin != bytes)
            throw Bad(path, $"{what}: {dtype} shape {shapeText} needs {bytes} bytes; its data offsets give {end - begin}");
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    // The shape's element count times the element size, or null when it overflows.
    private static long? ByteSize(long[] shape, int size)
    {
        if (shape.Contains(0)) return 0;
        try { return shape.Aggregate((long)size, (a, d) => checked(a * d)); }
        catch (OverflowException) { return null; }
    }

    // Sorted by begin, each range starts where the one before ended: no overlap, no gap, and the last ends at the data's end.
    private static void CheckCoverage(List<TensorEntry> ordered, long dataLength, string path)
    {
        long at = 0;
        TensorEntry? previous = null;
        foreach (var e in ordered)
        {
            if (e.Begin < at)
                throw Bad(path, $"tensor \"{e.Name}\": data offsets [{e.Begin}, {e.End}] overlap tensor \"{previous!.Name}\"'s [{previous.Begin}, {previous.End}]");
            if (e.Begin > at) throw Bad(path, $"bytes [{at}, {e.Begin}] of the data belong to no tensor (before tensor \"{e.Name}\")");
            (at, previous) = (e.End, e);
        }
        if (at != dataLength) throw Bad(path, $"the data section has {dataLength} bytes but the tensors cover only the first {at}");
    }

    private static long Offset(JsonElement e, string what, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0 ? v : throw Bad(path, $"{what}: data offset {e.GetRawText()} is not a non-negative integer");

    /// <summary>A refusal naming the file: "<c>path: message.</c>".</summary>
    public static BackpropException Bad(string path, string message) => BackpropException.BadInput($"{path}: {message}.");
}

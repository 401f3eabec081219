using System.Buffers.Binary;
using System.Text.Json;

namespace Backprop.IO;

/// <summary>
/// The safetensors format, read and written here without other libraries: an 8-byte little-endian header length N,
/// N bytes of JSON <c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, ..., "__metadata__": {string: string}}</c>
/// (offsets relative to the data after the header; the header padded with spaces to a multiple of 8), then the raw data.
/// </summary>
/// <param name="Tensors">The tensors, in data order.</param>
/// <param name="Metadata">The <c>__metadata__</c> map (empty when absent).</param>
public sealed record SafetensorsFile(IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    private const int MaxHeader = 100_000_000;

    /// <summary>The tensor called <paramref name="name"/>, or null.</summary>
    public SafetensorsTensor? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);

    /// <summary>Writes the file's bytes to <paramref name="stream"/>: header (metadata first, tensors in order) and data.</summary>
    public void Write(Stream stream)
    {
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (Metadata.Count > 0)
            {
                w.WriteStartObject("__metadata__");
                foreach (var (key, value) in Metadata) w.WriteString(key, value);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in Tensors)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", t.DType);
                w.WriteStartArray("shape");
                foreach (var d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset += t.Data.Length);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        int padded = (int)((json.Length + 7) / 8 * 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (long i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var t in Tensors) stream.Write(t.Data.Span);
    }

    /// <summary>Reads and checks a file: header length within the file, a JSON header, known dtypes, data offsets within the data and matching each shape.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not safetensors, or truncated; the message names the file and the tensor.</exception>
    public static SafetensorsFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a safetensors file; <paramref name="path"/> names it in errors.</summary>
    public static SafetensorsFile Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 8) throw Bad(path, $"not a safetensors file: {bytes.Length} bytes, less than the 8-byte header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > MaxHeader) throw Bad(path, $"not a safetensors file: header length {n} is implausible");
        if ((long)n > bytes.Length - 8) throw Bad(path, $"truncated or not a safetensors file: header length {n} runs past the end of the file ({bytes.Length} bytes)");
        var header = bytes.AsMemory(8, (int)n);
        var data = bytes.AsMemory(8 + (int)n);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header, new JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (JsonException e) { throw Bad(path, $"not a safetensors file: the {n}-byte header is not JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "not a safetensors file: the header is not a JSON object");
            var tensors = new List<(long Begin, SafetensorsTensor Tensor)>();
            var metadata = new Dictionary<string, string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__") ReadMetadata(p.Value, metadata, path);
                else if (tensors.Any(t => t.Tensor.Name == p.Name)) throw Bad(path, $"tensor \"{p.Name}\" appears twice in the header");
                else tensors.Add(ReadTensor(p.Name, p.Value, data, path));
            }
            return new SafetensorsFile([.. tensors.OrderBy(t => t.Begin).Select(t => t.Tensor)], metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, "__metadata__ is not a JSON object");
        foreach (var m in value.EnumerateObject())
            metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()!
                : throw Bad(path, $"__metadata__ \"{m.Name}\" is not a string");
    }

    private static (long, SafetensorsTensor) ReadTensor(string name, JsonElement e, ReadOnlyMemory<byte> data, string path)
    {
        string what = $"tensor \"{name}\"";
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw Bad(path, $"{what}: header entry needs \"dtype\", \"shape\" and \"data_offsets\": [begin, end]");
        string dtype = dt.GetString()!;
        if (!SafetensorsTensor.ElementSizes.TryGetValue(dtype, out int size)) throw Bad(path, $"{what}: unknown dtype \"{dtype}\"");
        var shape = sh.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out long v) && v >= 0 ? v
            : throw Bad(path, $"{what}: shape {sh.GetRawText()} is not a list of non-negative integers")).ToArray();
        long begin = Offset(off[0], what, path), end = Offset(off[1], what, path);
        if (begin > end || end > data.Length)
            throw Bad(path, $"{what}: data offsets [{begin}, {end}] lie outside the {data.Length}-byte data buffer (truncated file?)");
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if ((end - begin) != count * size)
            throw Bad(path, $"{what}: {dtype} shape [{string.Join(", ", shape)}] needs {count * size} bytes; its data offsets give {end - begin}");
        return (begin, new SafetensorsTensor(name, dtype, shape, data[(int)begin..(int)end]));
    }

    private static long Offset(JsonElement e, string what, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0 ? v : throw Bad(path, $"{what}: data offset {e.GetRawText()} is not a non-negative integer");

    private static InvalidDataException Bad(string path, string message) => new($"{path}: {message}.");
}

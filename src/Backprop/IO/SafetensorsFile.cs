using System.Buffers.Binary;
using System.Text.Json;
using Backprop.Data;
using Backprop.Errors;

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
    /// <summary>The tensor called <paramref name="name"/>, or null (the first of that name).</summary>
    public SafetensorsTensor? Find(string name)
    {
        if (_byName is null)
        {
            var byName = new Dictionary<string, SafetensorsTensor>(Tensors.Count, StringComparer.Ordinal);
            foreach (var t in Tensors) byName.TryAdd(t.Name, t);
            _byName = byName;
        }
        return _byName.GetValueOrDefault(name);
    }

    private Dictionary<string, SafetensorsTensor>? _byName;

    /// <summary>Writes the file's bytes to <paramref name="stream"/>: header (metadata first, tensors in order) and data.</summary>
    public void Write(Stream stream)
    {
        using var json = HeaderJson();
        int padded = (int)((json.Length + 7) / 8 * 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (long i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var t in Tensors) DeferredBytes.Write(t.Data, stream); // a model's tensors straight from its weights
    }

    /// <summary>
    /// Refuses, before anything is written, a file that <see cref="Read"/> would refuse: a header longer than
    /// <see cref="SafetensorsHeader.MaxLength"/> (names of absurd length), more entries than <see cref="SafetensorsHeader.MaxEntries"/>,
    /// more data than <see cref="SafetensorsHeader.MaxData"/>, or any other check of <see cref="SafetensorsHeader.Parse"/>. A writer must
    /// never write what its own reader refuses. The header is built once more for this (its size, never the tensors' data).
    /// </summary>
    /// <exception cref="BackpropException">The file would be refused (bad input); the message names <paramref name="path"/> and why.</exception>
    internal void CheckReadable(string path)
    {
        try
        {
            using var json = HeaderJson();
            long padded = (json.Length + 7) / 8 * 8;
            if (padded > SafetensorsHeader.MaxLength)
                throw SafetensorsHeader.Bad(path, $"its header would be {padded} bytes, more than the {SafetensorsHeader.MaxLength} its reader accepts (names or metadata of absurd length?)");
            var bytes = json.GetBuffer().AsMemory(0, (int)json.Length);
            SafetensorsHeader.Parse(bytes, Tensors.Sum(t => (long)t.Data.Length), path);
        }
        catch (BackpropException e)
        {
            throw BackpropException.BadInput($"{e.Message.TrimEnd('.')}: not written, since it could not be read back.", e);
        }
    }

    // The JSON header, unpadded.
    private MemoryStream HeaderJson()
    {
        var json = new MemoryStream();
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
        return json;
    }

    /// <summary>
    /// Reads and checks a file, the 8-byte header length and the JSON header first (see <see cref="SafetensorsHeader"/>), the
    /// data only once the header has been found sound; every floating-point value must be finite unless <paramref name="finiteValues"/>
    /// is false (a checkpoint's state, where infinity means "nothing yet", is guarded by its own checksum).
    /// </summary>
    /// <exception cref="BackpropException">Missing, a directory or not a regular file, not safetensors, truncated, inconsistent, or holding NaN or infinity; the message names the file and the tensor.</exception>
    public static SafetensorsFile Read(string path, bool finiteValues = true) => WithHeader(path, (stream, header, dataLength) =>
    {
        var data = new byte[dataLength];
        stream.ReadExactly(data);
        return Build(header, e => data.AsMemory((int)e.Begin, (int)(e.End - e.Begin)), path, finiteValues);
    });

    /// <summary>
    /// As <see cref="Read"/>, but each tensor's bytes stay in the file until used (<see cref="FileRegion"/>): the values are checked, and a
    /// model loads its weights, a chunk at a time, so loading a model holds the model and not also the file's bytes. The file must not
    /// change while its tensors are used; one that became shorter is refused.
    /// </summary>
    /// <exception cref="BackpropException">As for <see cref="Read"/>.</exception>
    internal static SafetensorsFile Open(string path) => WithHeader(path, (stream, header, _) =>
    {
        long data = stream.Position;
        return Build(header, e => new FileRegion(path, data + e.Begin, (int)(e.End - e.Begin)).Memory, path, finiteValues: true);
    });

    /// <summary>The checked header of a safetensors file (its tensors' names, shapes and the metadata), the data left unread.</summary>
    /// <exception cref="BackpropException">As for <see cref="Read"/>, except that the values are not checked.</exception>
    internal static SafetensorsHeader ReadHeader(string path) => WithHeader(path, (_, header, _) => header);

    // Opens the file, reads and checks its length and JSON header, and hands the stream (at the data) to `then`; read errors name the file.
    private static TResult WithHeader<TResult>(string path, Func<FileStream, SafetensorsHeader, long, TResult> then)
    {
        long length = InputFile.Length(path, "a safetensors file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (length < 8) throw TooShort(length, path);
            var first = new byte[8];
            stream.ReadExactly(first);
            var header = new byte[SafetensorsHeader.Length(first, length, path)];
            stream.ReadExactly(header);
            long dataLength = length - 8 - header.Length;
            return then(stream, SafetensorsHeader.Parse(header, dataLength, path), dataLength);
        }
        catch (EndOfStreamException) { throw SafetensorsHeader.Bad(path, "the file became shorter while it was read"); }
        catch (Exception e) when (FileError.IsFromSystem(e)) { throw SafetensorsHeader.Bad(path, $"cannot be read: {FileError.Reason(e, path)}"); }
    }

    /// <summary>Parses and checks the bytes of a safetensors file, as <see cref="Read"/> does; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="BackpropException">Not safetensors, truncated, inconsistent or holding NaN or infinity.</exception>
    public static SafetensorsFile Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 8) throw TooShort(bytes.Length, path);
        int n = SafetensorsHeader.Length(bytes, bytes.Length, path);
        var header = SafetensorsHeader.Parse(bytes.AsMemory(8, n), bytes.Length - 8 - n, path);
        return Build(header, e => bytes.AsMemory(8 + n + (int)e.Begin, (int)(e.End - e.Begin)), path, finiteValues: true);
    }

    private static BackpropException TooShort(long length, string path) =>
        SafetensorsHeader.Bad(path, $"not a safetensors file: {length} bytes, less than the 8-byte header length");

    // The tensors the header lists, each with the bytes `data` gives for its entry, their values checked unless finiteValues is false.
    private static SafetensorsFile Build(SafetensorsHeader header, Func<TensorEntry, ReadOnlyMemory<byte>> data, string path, bool finiteValues)
    {
        var tensors = header.Tensors.Select(e => new SafetensorsTensor(e.Name, e.DType, e.Shape, data(e))).ToList();
        foreach (var t in finiteValues ? tensors : [])
            if (t.FirstNonFinite() is { } at)
                throw SafetensorsHeader.Bad(path, $"tensor \"{t.Name}\": element {t.IndexText(at)} is {t.ValueText(at)}; a model's values must be finite numbers");
        return new SafetensorsFile(tensors, header.Metadata);
    }
}

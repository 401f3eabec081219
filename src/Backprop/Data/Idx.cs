using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// Reader of IDX files (the MNIST format): a big-endian magic 0x0000TTRR (TT = 0x08 unsigned bytes, RR = rank),
/// RR big-endian 32-bit dimensions, then the values row-major. Gzipped files (.gz, or by their magic bytes) are read transparently.
/// </summary>
public static class Idx
{
    /// <summary>The most values an IDX file may hold (the largest .NET byte array).</summary>
    public const long MaxValues = 0x7FFFFFC7;

    private const int ChunkBytes = 1 << 20;

    /// <summary>The dimensions and raw unsigned-byte values of an IDX file (a regular file only).</summary>
    /// <exception cref="BackpropException">The file is missing or not a regular file, not IDX, or its dimensions do not match its length.</exception>
    public static (int[] Dims, byte[] Values) Read(string path)
    {
        using var file = InputFile.OpenRead(path, "an IDX file");
        return Read(file, path);
    }

    /// <summary>
    /// The dimensions and raw values of the IDX data in <paramref name="stream"/> (read to its end, left open), gzipped or not;
    /// <paramref name="name"/> stands for the file in errors. The header is checked against the data's length before the values are
    /// allocated (for gzipped data, the values are read in chunks, so a header claiming more than there is costs no more than there is).
    /// </summary>
    public static (int[] Dims, byte[] Values) Read(Stream stream, string name)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long start = stream.Position;
        Span<byte> probe = stackalloc byte[2];
        int got = stream.ReadAtLeast(probe, 2, throwOnEndOfStream: false);
        stream.Position = start;
        if (got < 2 || probe[0] != 0x1f || probe[1] != 0x8b) return ReadValues(stream, name, stream.Length - start);
        using var unzipped = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            return ReadValues(unzipped, name, null);
        }
        catch (InvalidDataException e)
        {
            throw BackpropException.BadInput($"{name}: not a valid gzip stream ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>Reads the header and values; <paramref name="available"/> is the byte count of the data when it is known ahead.</summary>
    private static (int[] Dims, byte[] Values) ReadValues(Stream stream, string path, long? available)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "the magic number");
        if (header[0] != 0 || header[1] != 0)
            throw BackpropException.BadInput($"{path}: not an IDX file (magic {Convert.ToHexString(header)}; expected 0000TTRR).");
        if (header[2] != 0x08)
            throw BackpropException.BadInput($"{path}: IDX value type 0x{header[2]:X2} is not supported (only 0x08, unsigned bytes).");
        int rank = header[3];
        if (rank is < 1 or > 4) throw BackpropException.BadInput($"{path}: IDX rank {rank} is out of range 1..4.");
        var dims = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(stream, header, path, $"dimension {i}");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header);
            if (dims[i] < 0) throw BackpropException.BadInput($"{path}: dimension {i} is negative ({dims[i]}).");
            length = Math.Min(length * dims[i], MaxValues + 1); // saturates: 4 dimensions of 2^31 would overflow a long
        }
        string shape = $"[{string.Join(", ", dims)}]";
        if (length > MaxValues) throw BackpropException.BadInput($"{path}: the header claims shape {shape}, more than {MaxValues} values.");
        long headerBytes = 4 + 4L * rank;
        if (available is { } bytes && bytes - headerBytes != length)
            throw BackpropException.BadInput($"{path}: the header claims shape {shape}, {length} values, but the file holds {Math.Max(0, bytes - headerBytes)} bytes of values.");
        return (dims, ReadChunked(stream, (int)length, path, shape));
    }

    /// <summary>Exactly <paramref name="length"/> bytes, allocated as they arrive (a chunk at a time), then no more.</summary>
    private static byte[] ReadChunked(Stream stream, int length, string path, string shape)
    {
        var values = new byte[Math.Min(length, ChunkBytes)];
        int total = 0;
        while (total < length)
        {
            if (total == values.Length) Array.Resize(ref values, (int)Math.Min(length, 2L * values.Length));
            int n = stream.Read(values, total, values.Length - total);
            if (n == 0) throw BackpropException.BadInput($"{path}: truncated: the header claims shape {shape}, {length} values, but the data ends after {total}.");
            total += n;
        }
        if (stream.ReadByte() >= 0) throw BackpropException.BadInput($"{path}: more data after the {length} values of shape {shape}.");
        return values;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) throw BackpropException.BadInput($"{path}: truncated while reading {what} (got {total} of {buffer.Length} bytes).");
            total += n;
        }
    }
}

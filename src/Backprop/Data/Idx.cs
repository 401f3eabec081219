using System.Buffers.Binary;
using System.IO.Compression;

namespace Backprop.Data;

/// <summary>
/// Reader of IDX files (the MNIST format): a big-endian magic 0x0000TTRR (TT = 0x08 unsigned bytes, RR = rank),
/// RR big-endian 32-bit dimensions, then the values row-major. Gzipped files (.gz, or by their magic bytes) are read transparently.
/// </summary>
public static class Idx
{
    /// <summary>The dimensions and raw unsigned-byte values of an IDX file.</summary>
    public static (int[] Dims, byte[] Values) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>
    /// The dimensions and raw values of the IDX data in <paramref name="stream"/> (read to its end, left open), gzipped or not;
    /// <paramref name="name"/> stands for the file in errors.
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
        if (got < 2 || probe[0] != 0x1f || probe[1] != 0x8b) return ReadValues(stream, name);
        using var unzipped = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            return ReadValues(unzipped, name);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: not a valid gzip stream ({e.Message}).", e);
        }
    }

    private static (int[] Dims, byte[] Values) ReadValues(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "the magic number");
        if (header[0] != 0 || header[1] != 0)
            throw new InvalidDataException($"{path}: not an IDX file (magic {Convert.ToHexString(header)}; expected 0000TTRR).");
        if (header[2] != 0x08)
            throw new InvalidDataException($"{path}: IDX value type 0x{header[2]:X2} is not supported (only 0x08, unsigned bytes).");
        int rank = header[3];
        if (rank is < 1 or > 4) throw new InvalidDataException($"{path}: IDX rank {rank} is out of range 1..4.");
        var dims = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(stream, header, path, $"dimension {i}");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header);
            if (dims[i] < 0) throw new InvalidDataException($"{path}: dimension {i} is negative ({dims[i]}).");
            length *= dims[i];
        }
        if (length > int.MaxValue) throw new InvalidDataException($"{path}: {length} values are too many.");
        var values = new byte[length];
        ReadExactly(stream, values, path, $"{length} values of shape [{string.Join(", ", dims)}]");
        return (dims, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) throw new InvalidDataException($"{path}: truncated while reading {what} (got {total} of {buffer.Length} bytes).");
            total += n;
        }
    }
}

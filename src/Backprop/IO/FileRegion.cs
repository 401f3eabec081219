using System.Buffers;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// Bytes of a file, from <c>offset</c> for <c>length</c> bytes, read when used: a tensor of a model file being loaded. <see cref="ReadChunks"/>
/// streams them a chunk at a time (no copy of the tensor: how the weights go into a model); <see cref="GetSpan"/> reads them all once and keeps
/// them, for the small tensors read by value. The file is opened for each read, so nothing is held open between them.
/// </summary>
internal sealed class FileRegion(string path, long offset, int length) : MemoryManager<byte>
{
    /// <summary>Bytes per chunk of <see cref="ReadChunks"/>: a multiple of every element size.</summary>
    public const int ChunkBytes = 1 << 16;

    private byte[]? _read;

    /// <summary>The bytes as memory, read on first use of its span.</summary>
    public override Memory<byte> Memory => CreateMemory(length);

    /// <summary>Hands bytes <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of the region to <paramref name="chunk"/>
    /// in order, at most <see cref="ChunkBytes"/> at a time, with the offset of each within that range.</summary>
    /// <exception cref="BackpropException">The file cannot be read or became shorter (bad input, naming it).</exception>
    public void ReadChunks(int start, int count, ByteChunk chunk)
    {
        if (_read is { } read)
        {
            for (int at = 0; at < count; at += ChunkBytes) chunk(at, read.AsSpan(start + at, Math.Min(ChunkBytes, count - at)));
            return;
        }
        var buffer = new byte[Math.Min(ChunkBytes, Math.Max(count, 1))];
        try
        {
            using var handle = File.OpenHandle(path);
            for (int at = 0; at < count; at += buffer.Length)
            {
                var part = buffer.AsSpan(0, Math.Min(buffer.Length, count - at));
                for (int got = 0; got < part.Length;)
                {
                    int n = RandomAccess.Read(handle, part[got..], offset + start + at + got);
                    if (n == 0) throw SafetensorsHeader.Bad(path, "the file became shorter while it was read");
                    got += n;
                }
                chunk(at, part);
            }
        }
        catch (Exception e) when (FileError.IsFromSystem(e)) { throw SafetensorsHeader.Bad(path, $"cannot be read: {FileError.Reason(e, path)}"); }
    }

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        if (_read is null)
        {
            var bytes = new byte[length];
            ReadChunks(0, length, (at, part) => part.CopyTo(bytes.AsSpan(at)));
            _read = bytes;
        }
        return _read;
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException("bytes read from a file when used cannot be pinned.");

    /// <inheritdoc/>
    public override void Unpin() { }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) { }
}

/// <summary>A chunk of bytes and where it begins (in bytes) in the range being read.</summary>
internal delegate void ByteChunk(int at, ReadOnlySpan<byte> bytes);

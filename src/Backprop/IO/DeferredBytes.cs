using System.Buffers;
using System.Runtime.InteropServices;

namespace Backprop.IO;

/// <summary>
/// Bytes of a known length written when asked, never kept: a tensor's data in a model file being written. <see cref="WriteTo"/> puts them
/// straight into the file (a chunk at a time, no copy of the tensor); <see cref="GetSpan"/> makes them anew at each call for any other reader.
/// Reading <c>Memory.Length</c> makes nothing.
/// </summary>
internal sealed class DeferredBytes(int length, Action<Stream> write) : MemoryManager<byte>
{
    /// <summary>How many bytes there are.</summary>
    public int Length => length;

    /// <summary>The bytes as memory whose span is made when asked.</summary>
    public override Memory<byte> Memory => CreateMemory(length);

    /// <summary>Writes the bytes of <paramref name="memory"/> to <paramref name="stream"/>: straight from their source when they are deferred.</summary>
    public static void Write(ReadOnlyMemory<byte> memory, Stream stream)
    {
        if (MemoryMarshal.TryGetMemoryManager(memory, out DeferredBytes? deferred, out int start, out int count) && start == 0 && count == deferred.Length) deferred.WriteTo(stream);
        else stream.Write(memory.Span);
    }

    /// <summary>Writes the bytes to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        long before = stream.CanSeek ? stream.Position : -1;
        write(stream);
        if (before >= 0 && stream.Position - before != length) throw new InvalidOperationException($"deferred bytes: {stream.Position - before} written, {length} promised.");
    }

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        using var bytes = new MemoryStream(length);
        WriteTo(bytes);
        return bytes.GetBuffer().AsSpan(0, length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException("deferred bytes are made when read and cannot be pinned.");

    /// <inheritdoc/>
    public override void Unpin() { }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) { }
}

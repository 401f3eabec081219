using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Backprop.Data;

/// <summary>
/// The lines of a byte range of an open file, read in chunks into one buffer (rented, returned on dispose): each line without its
/// <c>\n</c>; the last may lack one. A line longer than <see cref="MaxLineBytes"/> ends the reading with <see cref="TooLong"/> set.
/// </summary>
internal sealed class ByteLines : IDisposable
{
    /// <summary>The longest line read (the text reader's longest record).</summary>
    public const int MaxLineBytes = 1 << 24;
    private const int ChunkBytes = 1 << 20;
    private readonly SafeFileHandle _file;
    private readonly long _end;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private long _next; // the file offset of the byte after the buffered ones
    private int _start, _filled;

    /// <summary>Reads the lines of [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="file"/>.</summary>
    public ByteLines(SafeFileHandle file, long start, long end) => (_file, _next, _end) = (file, start, end);

    /// <summary>The file offset of the next line.</summary>
    public long Position => _next - (_filled - _start);

    /// <summary>Whether a line was longer than <see cref="MaxLineBytes"/>.</summary>
    public bool TooLong { get; private set; }

    /// <summary>The next line (without its <c>\n</c>); false at the end of the range, or at a line too long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int at = _buffer.AsSpan(_start, _filled - _start).IndexOf((byte)'\n');
            if (at >= 0)
            {
                line = _buffer.AsSpan(_start, at);
                _start += at + 1;
                return true;
            }
            if (_next >= _end)
            {
                line = _buffer.AsSpan(_start, _filled - _start);
                _start = _filled;
                return line.Length > 0;
            }
            if (!Fill()) { line = default; return false; }
        }
    }

    // Moves the partial line to the front and reads more after it; false when the line would be too long.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Fill()
    {
        int kept = _filled - _start;
        if (kept > MaxLineBytes) { TooLong = true; return false; }
        if (kept == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, kept).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else _buffer.AsSpan(_start, kept).CopyTo(_buffer);
        (_start, _filled) = (0, kept);
        int want = (int)Math.Min(_buffer.Length - kept, _end - _next);
        int got = RandomAccess.Read(_file, _buffer.AsSpan(kept, want), _next);
        if (got == 0) { _next = _end; return true; } // the file ended early (it shrank): what is held is the last line
        _next += got;
        _filled += got;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}

using System.Text;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// Reads a stream as UTF-8 text (a byte-order mark is skipped), chunk by chunk: an invalid byte sequence, UTF-16, or a
/// NUL byte (binary data) is refused naming the file and the line, instead of being replaced by U+FFFD (which would
/// merge Latin-1 labels such as <c>café</c> and <c>cafè</c> into one). The first characters can be previewed without being consumed.
/// The stream is disposed with the reader unless <c>leaveOpen</c>.
/// </summary>
internal sealed class Utf8TextReader(Stream stream, string name, bool leaveOpen) : TextReader
{
    private const int ChunkBytes = 1 << 16;
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly byte[] _bytes = new byte[ChunkBytes];
    private char[] _chars = new char[ChunkBytes + 1];
    private int _start, _end, _line = 1;
    private bool _begun, _done;
    private char _separator;
    private int _maxFields, _fields = 1, _handedLine = 1;

    /// <summary>
    /// From now on refuses, before the parser sees it, a line with more than <paramref name="maxFields"/> fields split by
    /// <paramref name="separator"/> (separators inside quotes count too: an upper bound). A parser's time per record grows faster
    /// than its field count, so a single hostile line of millions of fields would otherwise read for hours.
    /// </summary>
    public void LimitFields(char separator, int maxFields) => (_separator, _maxFields) = (separator, maxFields);

    /// <summary>
    /// Up to <paramref name="maxChars"/> characters from the current position, fewer when <paramref name="maxLines"/> line
    /// breaks or the end come first; they are read again by the next reads.
    /// </summary>
    public string Preview(int maxChars, int maxLines)
    {
        while (_end - _start < maxChars && _chars.AsSpan(_start, _end - _start).Count('\n') < maxLines && Fill()) { }
        return new string(_chars, _start, Math.Min(_end - _start, maxChars));
    }

    /// <inheritdoc/>
    public override int Peek() => _start < _end || Fill() ? _chars[_start] : -1;

    /// <inheritdoc/>
    public override int Read()
    {
        if (_start == _end && !Fill()) return -1;
        Count(_chars.AsSpan(_start, 1));
        return _chars[_start++];
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.Length == 0 || (_start == _end && !Fill())) return 0;
        int n = Math.Min(buffer.Length, _end - _start);
        _chars.AsSpan(_start, n).CopyTo(buffer);
        Count(buffer[..n]);
        _start += n;
        return n;
    }

    // Counts the fields of each line handed out, line by line with vectorised searches; throws at the first line over the limit.
    private void Count(ReadOnlySpan<char> chars)
    {
        if (_maxFields == 0) return;
        while (true)
        {
            int end = chars.IndexOf('\n');
            _fields += (end < 0 ? chars : chars[..end]).Count(_separator);
            if (_fields > _maxFields)
                throw BackpropException.BadInput(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{name} line {_handedLine}: more than {_maxFields:N0} fields; at most {_maxFields:N0} columns are read."));
            if (end < 0) return;
            (_fields, _handedLine) = (1, _handedLine + 1);
            chars = chars[(end + 1)..];
        }
    }

    /// <summary>Decodes the next chunk after the characters held; false at the end of the stream.</summary>
    private bool Fill()
    {
        while (!_done)
        {
            int got = stream.ReadAtLeast(_bytes, _begun ? 1 : 4, throwOnEndOfStream: false);
            int from = _begun ? 0 : SkipByteOrderMark(got);
            _begun = true;
            var bytes = _bytes.AsSpan(from, got - from);
            CheckNoNul(bytes);
            if (_start == _end) _start = _end = 0;
            if (_chars.Length - _end < bytes.Length + 1) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _end + bytes.Length + 1));
            int chars;
            try { chars = _decoder.GetChars(bytes, _chars.AsSpan(_end), flush: got == 0); }
            catch (DecoderFallbackException e) { throw NotUtf8(bytes, e); }
            _line += bytes.Count((byte)'\n');
            _end += chars;
            _done = got == 0;
            if (chars > 0) return true;
        }
        return false;
    }

    private int SkipByteOrderMark(int got)
    {
        var head = _bytes.AsSpan(0, got);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return 3;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw BackpropException.BadInput($"{name}: the file is UTF-16 text; save it as UTF-8.");
        return 0;
    }

    private void CheckNoNul(ReadOnlySpan<byte> bytes)
    {
        int at = bytes.IndexOf((byte)0);
        if (at >= 0) throw BackpropException.BadInput($"{name} line {_line + bytes[..at].Count((byte)'\n')}: a NUL byte; this is binary data, not a text file.");
    }

    private BackpropException NotUtf8(ReadOnlySpan<byte> bytes, DecoderFallbackException e)
    {
        int at = Math.Clamp(e.Index, 0, bytes.Length);
        string shown = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
        return BackpropException.BadInput($"{name} line {_line + bytes[..at].Count((byte)'\n')}: not UTF-8 text (bytes {shown}); save the file as UTF-8.", e);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) stream.Dispose();
        base.Dispose(disposing);
    }
}

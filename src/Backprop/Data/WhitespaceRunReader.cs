namespace Backprop.Data;

/// <summary>
/// A text reader that rewrites each run of spaces and tabs outside quotes into one tab and drops whitespace at the start
/// and end of each line, so that a tab-separated CSV parser reads whitespace-separated columns. Line breaks are kept.
/// </summary>
internal sealed class WhitespaceRunReader(TextReader inner, char quote) : TextReader
{
    private bool _inQuote, _lineStart = true, _pendingSeparator;
    private int _held = -1;

    /// <inheritdoc/>
    public override int Peek()
    {
        if (_held < 0) _held = Next();
        return _held;
    }

    /// <inheritdoc/>
    public override int Read()
    {
        if (_held >= 0) { int c = _held; _held = -1; return c; }
        return Next();
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count)
    {
        int n = 0;
        while (n < count)
        {
            int c = Read();
            if (c < 0) break;
            buffer[index + n++] = (char)c;
        }
        return n;
    }

    private int Next()
    {
        while (true)
        {
            if (_pendingSeparator && inner.Peek() is int p && p >= 0 && p != '\n' && p != '\r' && p != ' ' && p != '\t')
            {
                _pendingSeparator = false;
                return '\t';
            }
            int c = inner.Read();
            if (c < 0) return c;
            if (_inQuote)
            {
                if (c == quote) _inQuote = false;
                return c;
            }
            if (c == ' ' || c == '\t')
            {
                if (!_lineStart) _pendingSeparator = true;
                continue;
            }
            _pendingSeparator = false;
            _lineStart = c == '\n' || c == '\r';
            if (c == quote) _inQuote = true;
            return c;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

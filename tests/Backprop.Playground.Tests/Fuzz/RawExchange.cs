using System.Net.Sockets;
using System.Text;

namespace Backprop.Playground.Tests.Fuzz;

/// <summary>What came back for one request written byte for byte: the status (0 when the connection closed or reset before one), the
/// headers and the body as text, and whether the server answered within the time allowed.</summary>
internal sealed record RawAnswer(int Status, string Headers, string Body, bool InTime)
{
    public bool IsEventStream => Headers.Contains("content-type: text/event-stream", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Sends request bytes on a fresh connection and reads the answer: the whole of it (the server closes: the request says
/// <c>Connection: close</c>), or, for an event stream, its headers and first event. A reset after a complete answer is not a failure
/// (Kestrel may reset after refusing a body it did not read); a reset or close before any answer gives status 0.
/// </summary>
internal static class RawExchange
{
    public static async Task<RawAnswer> Send(Uri server, byte[] request, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout);
        await tcp.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = tcp.GetStream();
        var received = new MemoryStream();
        try
        {
            try { await stream.WriteAsync(request, cancel.Token); }
            catch (IOException) { } // the server may answer and close before it has read a refused body: read what it said
            var buffer = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (FirstEventRead(received)) break;
            }
        }
        catch (IOException) { } // reset: judged below by what had arrived
        catch (OperationCanceledException) { return Parse(received, inTime: FirstEventRead(received)); }
        return Parse(received, inTime: true);
    }

    // An event stream never ends: its headers and first event are the answer.
    private static bool FirstEventRead(MemoryStream received)
    {
        string text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return end > 0 && text[..end].Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) && text.IndexOf("\n\n", end + 4, StringComparison.Ordinal) > 0;
    }

    private static RawAnswer Parse(MemoryStream received, bool inTime)
    {
        var bytes = received.GetBuffer().AsSpan(0, (int)received.Length);
        int end = bytes.IndexOf("\r\n\r\n"u8);
        if (end < 0 || !bytes.StartsWith("HTTP/1.1 "u8) || end < 12) return new RawAnswer(0, Encoding.UTF8.GetString(bytes), "", inTime);
        string headers = Encoding.ASCII.GetString(bytes[..end]);
        int status = int.Parse(headers.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var body = bytes[(end + 4)..];
        return new RawAnswer(status, headers, headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : Encoding.UTF8.GetString(body), inTime);
    }

    // The chunks' bytes joined (each chunk: its size in hex, CRLF, the bytes, CRLF; size 0 ends).
    private static string Dechunk(ReadOnlySpan<byte> body)
    {
        var whole = new MemoryStream();
        while (body.Length > 0)
        {
            int line = body.IndexOf("\r\n"u8);
            if (line < 0 || !int.TryParse(Encoding.ASCII.GetString(body[..line]), System.Globalization.NumberStyles.HexNumber, null, out int size) || size == 0) break;
            body = body[(line + 2)..];
            whole.Write(body[..Math.Min(size, body.Length)]);
            body = body[Math.Min(size + 2, body.Length)..];
        }
        return Encoding.UTF8.GetString(whole.GetBuffer(), 0, (int)whole.Length);
    }
}

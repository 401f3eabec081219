using System.Net.Sockets;
using System.Text;

namespace Backprop.Playground.Tests;

/// <summary>One HTTP/1.1 request written byte for byte to a server on loopback, as an attacker's client would send it; the status and the raw answer.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Text)> Send(Uri server, string method, string path, params string[] headers) =>
        await WithBody(server, method, path, null, headers);

    public static async Task<(int Status, string Text)> WithBody(Uri server, string method, string path, string? body, params string[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        bool hasHost = headers.Any(h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
        var request = new StringBuilder($"{method} {path} HTTP/1.1\r\n");
        if (!hasHost) request.Append($"Host: {server.Authority}\r\n");
        foreach (var h in headers) request.Append(h).Append("\r\n");
        if (body is not null || method is "POST" or "DELETE") request.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body ?? "")}\r\n");
        request.Append("Connection: close\r\n\r\n").Append(body);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string text;
        try { text = await reader.ReadToEndAsync(cancel.Token); }
        catch (IOException) { text = ""; } // the server may reset after answering a refused body
        var status = text.Length > 12 ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }
}

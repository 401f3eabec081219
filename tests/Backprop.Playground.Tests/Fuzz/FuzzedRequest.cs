using System.Text;
using CsCheck;

namespace Backprop.Playground.Tests.Fuzz;

/// <summary>
/// One hostile request to the playground, as generated: a method, a path of the API (each letter's case flipped by <see cref="CaseMask"/>,
/// <c>{id}</c> a session's or another), settings in the query, the Host, Origin, Sec-Fetch-Site and token headers each right or wrong,
/// and a body mutated from a valid one (<see cref="FuzzBodies"/>).
/// </summary>
internal sealed record FuzzedRequest(string Method, string Template, ulong CaseMask, int IdKind, IReadOnlyList<(string Key, string Value)> Query,
    int HostKind, int OriginKind, int SiteKind, int TokenKind, string ContentType, bool Chunked, byte[]? Body)
{
    public static readonly string[] Methods = ["GET", "HEAD", "POST", "POST", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"];

    public static readonly string[] Templates =
    [
        "/", "/index.html", "/app.js", "/nothing", "/api", "/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/events",
        "/api/sessions/{id}/frame", "/api/sessions/{id}/play", "/api/sessions/{id}/pause", "/api/sessions/{id}/step", "/api/sessions/{id}/reset",
        "/api/sessions/{id}/config", "/api/sessions/{id}/upload", "/api/sessions/{id}/edge", "/api/sessions/{id}/node", "/api/sessions/{id}/spec",
        "/api/sessions/{id}/nothing", "/api/sessions/{id}/upload/", "/api//sessions", "/api/sessions/{id}/../{id}/step", "/%61pi/sessions/{id}/play",
        "/api/sessions/{id}/%73tep", "/api/sessions/{id}/config/..",
    ];

    // The settings' keys and the inspector's, unknown ones, and keys the page never sends.
    public static readonly string[] Keys =
        ["data", "noise", "test", "hidden", "act", "loss", "opt", "lr", "batch", "l1", "l2", "dropout", "seed", "target", "px", "py",
         "layer", "from", "to", "unit", "x", "LR", "", "unknown", "data%00"];

    public static readonly string[] Values =
    [
        "", "xor", "circle", "spirals", "iris", "penguins", "upload", "nothing", "8,8", "64,64,64,64,64,64,64", "65", "0", "none", "1,,2", "tanh", "relu",
        "leaky_relu(0.1)", "leaky_relu(1e309)", "softmax", "tanh,relu,sigmoid", "mse", "softmax_ce", "bce_logits", "adam", "sgd", "lbfgs", "0.03", "10", "1024",
        "1025", "-1", "-0", "1", "2", "63", "b", "0.5", "NaN", "Infinity", "-Infinity", "1e309", "1e-400", "99999999999999999999999", "18446744073709551616",
        "-2147483649", "0x10", "1,5", "1.5,2.5", "%FF%FE", "%E2%80%AE", "%1B%5B2J", "a%0Ab", "%00", "%2C", new string('9', 3000), "label", "x\u00e9",
    ];

    public static readonly string[] ContentTypes = ["", "application/json", "text/csv", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"];

    public static Gen<FuzzedRequest> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.OneOf(Methods), CsCheck.Gen.OneOf(Templates), CsCheck.Gen.ULong, CsCheck.Gen.Int[0, 5],
        CsCheck.Gen.Select(CsCheck.Gen.OneOf(Keys), CsCheck.Gen.OneOf(Values), (k, v) => (k, v)).List[0, 4],
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 7], CsCheck.Gen.Int[0, 5], CsCheck.Gen.Int[0, 5], CsCheck.Gen.Int[0, 5], (h, o, s, t) => (h, o, s, t)),
        CsCheck.Gen.Select(CsCheck.Gen.OneOf(ContentTypes), CsCheck.Gen.Int[0, 9], (c, chunked) => (c, chunked == 0)),
        FuzzBodies.Gen,
        (method, template, mask, id, query, headers, type, body) => new FuzzedRequest(method, template, mask, id, query,
            headers.h, headers.o, headers.s, headers.t, type.c, type.Item2, body));

    /// <summary>Whether the method may change state (the server's rule: anything but GET and HEAD).</summary>
    public bool Changes => Method is not ("GET" or "HEAD");

    /// <summary>The Host header: the server's own address or another loopback name (allowed), or another site's (refused).</summary>
    public string Host(Uri server) => HostKind switch
    {
        0 or 1 or 2 => server.Authority,
        3 => $"localhost:{server.Port}",
        4 => $"[::1]:{server.Port}",
        5 => "evil.example",
        6 => $"127.0.0.1.evil.example:{server.Port}",
        _ => $"LOCALHOST:{server.Port}",
    };

    public bool HostAllowed => HostKind is not (5 or 6);

    /// <summary>The Origin header, or null: the page's own (as the Host says), another port, another site, "null".</summary>
    public string? Origin(Uri server) => OriginKind switch
    {
        0 or 1 => null,
        2 => $"http://{Host(server)}",
        3 => $"http://localhost:{server.Port + 1}",
        4 => "http://evil.example",
        _ => "null",
    };

    public string? Site => SiteKind switch { 0 or 1 => null, 2 => "same-origin", 3 => "cross-site", 4 => "same-site", _ => "none" };

    /// <summary>The token header's value, or null: the right one, missing, one character off, cut short, doubled, upper case.</summary>
    public string? Token(string token) => TokenKind switch
    {
        0 or 1 => token,
        2 => null,
        3 => token[..^1] + (token[^1] == '0' ? '1' : '0'),
        4 => token[..8],
        _ => token + token,
    };

    /// <summary>Whether the request comes, as far as the server can tell, from the playground's own page.</summary>
    public bool FromThePage => HostAllowed && TokenKind is 0 or 1 && OriginKind is not (3 or 4 or 5) && SiteKind is 0 or 1 or 2;

    /// <summary>Whether Kestrel itself refuses the request line (an encoded NUL in the path) with a bare 400, before any of the playground's code runs.</summary>
    public bool RefusedByKestrel => Target("x").Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>The path and query as sent, <c>{id}</c> replaced by <paramref name="id"/>'s kind.</summary>
    public string Target(string id)
    {
        string idText = IdKind switch { 0 or 1 or 2 => id, 3 => "0123456789abcdef01234567", 4 => new string('x', 300), _ => "%00" };
        var path = new StringBuilder();
        for (int i = 0; i < Template.Length; i++)
            path.Append((CaseMask >> (i % 64) & 1) == 1 ? char.ToUpperInvariant(Template[i]) : Template[i]); // a percent escape's hex digits too: %6A and %6a are one byte
        string query = string.Join('&', Query.Select(p => $"{p.Key}={(p.Value.Contains('%', StringComparison.Ordinal) ? p.Value : Uri.EscapeDataString(p.Value))}"));
        return path.ToString().Replace("{id}", idText, StringComparison.OrdinalIgnoreCase) + (query.Length > 0 ? "?" + query : "");
    }

    /// <summary>The request's bytes, with <c>Connection: close</c>.</summary>
    public byte[] Bytes(Uri server, string token, string id)
    {
        var head = new StringBuilder($"{Method} {Target(id)} HTTP/1.1\r\nHost: {Host(server)}\r\n");
        if (Origin(server) is { } origin) head.Append($"Origin: {origin}\r\n");
        if (Site is { } site) head.Append($"Sec-Fetch-Site: {site}\r\n");
        if (Token(token) is { } given) head.Append($"X-Playground-Token: {given}\r\n");
        if (ContentType.Length > 0) head.Append($"Content-Type: {ContentType}\r\n");
        if (Body is not null) head.Append(Chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {Body.Length}\r\n");
        else if (Changes) head.Append("Content-Length: 0\r\n");
        head.Append("Connection: close\r\n\r\n");
        var bytes = new MemoryStream();
        bytes.Write(Encoding.UTF8.GetBytes(head.ToString()));
        if (Body is null) return bytes.ToArray();
        if (!Chunked) bytes.Write(Body);
        else
        {
            for (int at = 0; at < Body.Length; at += 65536)
            {
                int size = Math.Min(65536, Body.Length - at);
                bytes.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                bytes.Write(Body, at, size);
                bytes.Write("\r\n"u8);
            }
            bytes.Write("0\r\n\r\n"u8);
        }
        return bytes.ToArray();
    }

    public override string ToString() =>
        $"{Method} {Target("{id}")} id{IdKind} host{HostKind} origin{OriginKind} site{SiteKind} token{TokenKind} '{ContentType}'{(Chunked ? " chunked" : "")} body {Body?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"
        + (Body is { Length: <= 200 } b ? $" [{Encoding.UTF8.GetString(b)}]" : "");
}

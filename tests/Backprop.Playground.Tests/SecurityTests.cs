using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backprop.Playground.Tests;

/// <summary>
/// The playground answers only itself, tried with raw HTTP against Kestrel on loopback as an attacker would send it: another Host (DNS
/// rebinding), another Origin or Sec-Fetch-Site, every case variant of every state-changing path, a missing or wrong token, and the bounds
/// on bodies, event streams and sessions per client.
/// </summary>
public sealed partial class SecurityTests : IAsyncLifetime
{
    private PlaygroundServer server = null!;

    public async Task InitializeAsync() => server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 100, MaxSessionsPerClient: 100));

    public async Task DisposeAsync() => await server.DisposeAsync();

    private string Token => $"X-Playground-Token: {server.Token}";

    private async Task<string> Create()
    {
        var (status, text) = await RawHttp.Send(server.Address, "POST", "/api/sessions", Token);
        Assert.True(status == 200, text);
        return Regex.Match(text, "\"id\":\"([0-9a-f]+)\"").Groups[1].Value;
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.")]
    [InlineData("")]
    public async Task AnotherHostGetsNeitherThePageNorASession(string host)
    {
        var (page, text) = await RawHttp.Send(server.Address, "GET", "/", $"Host: {host}");
        Assert.Equal(400, page);
        Assert.Contains("this playground answers only to", text);
        Assert.DoesNotContain(server.Token, text);
        int open = server.Sessions.Count;
        Assert.Equal(400, (await RawHttp.Send(server.Address, "POST", "/api/sessions", $"Host: {host}", Token)).Status);
        Assert.Equal(open, server.Sessions.Count);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]")]
    public async Task TheLoopbackNamesGetThePageWithItsToken(string host)
    {
        var (status, text) = await RawHttp.Send(server.Address, "GET", "/", $"Host: {host}:{server.Address.Port}");
        Assert.Equal(200, status);
        Assert.Contains($"<meta name=\"playground-token\" content=\"{server.Token}\">", text); // the page gets it at load
        Assert.Contains("frame-ancestors 'none'", text);
    }

    [Fact]
    public async Task TheTokenIsAPerProcessSecret()
    {
        await using var other = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0));
        Assert.Matches("^[0-9a-f]{64}$", server.Token);
        Assert.NotEqual(server.Token, other.Token);
    }

    public static TheoryData<string, string> Changes() => new()
    {
        { "POST", "/api/sessions" }, { "POST", "/api/sessions/{id}/play" }, { "POST", "/api/sessions/{id}/pause" }, { "POST", "/api/sessions/{id}/step" },
        { "POST", "/api/sessions/{id}/reset" }, { "POST", "/api/sessions/{id}/config?lr=0.5" }, { "POST", "/api/sessions/{id}/upload" },
        { "DELETE", "/api/sessions/{id}" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task EveryCaseVariantOfAChangeIsRefusedWithoutThePagesTokenAndOrigin(string method, string template)
    {
        string id = await Create();
        string[][] refusals =
        [
            [], // no token: a cross-site form or no-cors fetch
            ["X-Playground-Token: 1"], // the old constant header
            [$"X-Playground-Token: {server.Token[..^1]}{(server.Token[^1] == '0' ? '1' : '0')}"], // one character off
            [$"X-Playground-Token: {server.Token}{server.Token}"],
            [$"X-Playground-Token: {server.Token.ToUpperInvariant()}"],
            [Token, "Origin: http://evil.example"],
            [Token, "Origin: null"],
            [Token, $"Origin: http://localhost:{server.Address.Port + 1}"],
            [Token, "Sec-Fetch-Site: cross-site"],
            [Token, "Sec-Fetch-Site: same-site"],
        ];
        foreach (var path in CaseVariants(template))
            foreach (var headers in refusals)
            {
                int open = server.Sessions.Count;
                var (status, text) = await RawHttp.Send(server.Address, method, path.Replace("{id}", id, StringComparison.Ordinal), headers);
                Assert.True(status == 403, $"{method} {path} with [{string.Join(", ", headers)}]: {status} {text}");
                Assert.Equal(open, server.Sessions.Count);
            }
        var (_, frame) = await RawHttp.Send(server.Address, "GET", $"/api/sessions/{id}/frame");
        Assert.Contains("\"playing\":false", frame);
        Assert.Contains("\"step\":0,", frame);
    }

    [Fact]
    public async Task ThePagesOwnRequestsAreServed()
    {
        var (_, page) = await RawHttp.Send(server.Address, "GET", "/");
        string token = Regex.Match(page, "name=\"playground-token\" content=\"([0-9a-f]+)\"").Groups[1].Value;
        string origin = $"Origin: http://{server.Address.Authority}";
        var (created, text) = await RawHttp.Send(server.Address, "POST", "/api/sessions", $"X-Playground-Token: {token}", origin, "Sec-Fetch-Site: same-origin");
        Assert.True(created == 200, text);
        string id = Regex.Match(text, "\"id\":\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.Equal(200, (await RawHttp.Send(server.Address, "POST", $"/API/Sessions/{id}/STEP", $"X-Playground-Token: {token}", origin)).Status);
        Assert.Equal(200, (await RawHttp.Send(server.Address, "DELETE", $"/api/sessions/{id}", $"X-Playground-Token: {token}")).Status);
    }

    [Fact]
    public async Task ABodyBeyondItsBoundIsRefusedByName()
    {
        string id = await Create();
        var (status, text) = await RawHttp.WithBody(server.Address, "POST", $"/api/sessions/{id}/config", new string('x', 70_000), Token);
        Assert.Equal(413, status);
        Assert.Contains("the request's body has 70000 bytes; at most 65536 are accepted (settings travel in the query)", text);
        (status, text) = await RawHttp.WithBody(server.Address, "POST", $"/api/sessions/{id}/UPLOAD", new string('x', 1_100_000), Token);
        Assert.Equal(400, status);
        Assert.Contains("at most 1048576 (1 MB) are accepted", text);
    }

    [Fact]
    public async Task EventStreamsOfASessionAreBounded()
    {
        string id = await Create();
        using var http = new HttpClient { BaseAddress = server.Address };
        var open = new List<HttpResponseMessage>();
        try
        {
            for (int i = 0; i < Sessions.SessionStore.StreamsPerSession; i++)
            {
                open.Add(await http.GetAsync($"api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }
            using var refused = await http.GetAsync($"api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains($"already has {Sessions.SessionStore.StreamsPerSession} event streams open", await refused.Content.ReadAsStringAsync());
        }
        finally { foreach (var r in open) r.Dispose(); }
    }

    [Fact]
    public async Task SessionsOfOneClientAreBounded()
    {
        await using var small = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 10, MaxSessionsPerClient: 2));
        string token = $"X-Playground-Token: {small.Token}";
        Assert.Equal(200, (await RawHttp.Send(small.Address, "POST", "/api/sessions", token)).Status);
        Assert.Equal(200, (await RawHttp.Send(small.Address, "POST", "/api/sessions", token)).Status);
        var (status, text) = await RawHttp.Send(small.Address, "POST", "/api/sessions", token);
        Assert.Equal(429, status);
        Assert.Contains("this client has 2 playground sessions open, the most one client may", text);
    }

    [Theory]
    [InlineData("GET", "/nothing", 404, "nothing is served at /nothing")]
    [InlineData("GET", "/api/sessions/x/nothing", 404, "nothing is served at /api/sessions/x/nothing")]
    [InlineData("PUT", "/api/sessions", 405, "PUT is not a method /api/sessions takes")]
    [InlineData("PATCH", "/index.html", 405, "PATCH is not a method /index.html takes")]
    public async Task APathOrMethodNotServedIsRefusedWithAJsonMessage(string method, string path, int status, string message)
    {
        var (answered, text) = await RawHttp.Send(server.Address, method, path, Token);
        Assert.Equal(status, answered);
        Assert.Contains("Content-Type: application/json", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{{\"error\":\"{message}\"}}", text);
    }

    [Fact]
    public async Task NamesFromAnUploadAreInertText()
    {
        string id = await Create();
        string csv = "a\u001b]0;t\u0007,b,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 5},{i % 3},{(i % 2 == 0 ? "x\u001b[2J" : "<b>y</b>")}\n"));
        var (status, text) = await RawHttp.WithBody(server.Address, "POST", $"/api/sessions/{id}/upload", csv, Token);
        Assert.True(status == 200, text);
        Assert.DoesNotContain("\\u001b", text); // JSON would carry a raw ESC as \u001b
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("a\\\\x1b]0;t\\\\x07", text); // the name a\x1b]0;t\x07, its backslashes escaped by JSON
        Assert.Contains("x\\\\x1b[2J", text);
    }

    // The path as written, all upper case, and each segment's first letter or all its letters flipped in turn.
    private static IEnumerable<string> CaseVariants(string template)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal) { template, Upper(template) };
        var segments = template.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0 || segments[i].Contains('{', StringComparison.Ordinal)) continue;
            variants.Add(string.Join('/', segments.Select((s, j) => j == i ? Upper(s) : s)));
            variants.Add(string.Join('/', segments.Select((s, j) => j == i ? char.ToUpperInvariant(s[0]) + s[1..] : s)));
        }
        return variants;
    }

    // Upper case outside the {id} placeholder and the query.
    private static string Upper(string path) => PlaceholderOrQuery().Replace(path.ToUpperInvariant(), m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"\{ID\}|\?.*$")]
    private static partial Regex PlaceholderOrQuery();
}

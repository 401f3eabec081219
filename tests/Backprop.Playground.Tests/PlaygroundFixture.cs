using System.Net;
using System.Text.Json;

namespace Backprop.Playground.Tests;

/// <summary>A playground server on a free port of 127.0.0.1 and a client for it, shared by a test class.</summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    public PlaygroundServer Server { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 200, MaxSessionsPerClient: 200));
        Http.BaseAddress = Server.Address;
        Http.DefaultRequestHeaders.Add("X-Playground-Token", Server.Token); // as the page sends
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Sends a request and reads the JSON answer (or null), with its status.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json)> Send(HttpMethod method, string path, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(HttpStatusCode Status, JsonElement Json)> Post(string path, HttpContent? body = null) => Send(HttpMethod.Post, path, body);

    public Task<(HttpStatusCode Status, JsonElement Json)> Get(string path) => Send(HttpMethod.Get, path);

    /// <summary>A new session with the settings in <paramref name="query"/>; its id.</summary>
    public async Task<string> Create(string query = "")
    {
        var (status, json) = await Post("api/sessions?" + query);
        Assert.True(status == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the session's frame until <paramref name="done"/> holds (or fails after <paramref name="seconds"/>).</summary>
    public async Task<JsonElement> WaitFor(string id, Func<JsonElement, bool> done, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (status, frame) = await Get($"api/sessions/{id}/frame");
            Assert.Equal(HttpStatusCode.OK, status);
            if (done(frame)) return frame;
            Assert.True(DateTime.UtcNow < until, $"not reached within {seconds} s; last frame: step {frame.GetProperty("step")}, test loss {frame.GetProperty("testLoss")}");
            await Task.Delay(50);
        }
    }
}

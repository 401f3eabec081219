using System.Net;

namespace Backprop.Playground.Tests;

/// <summary>The bounds that keep one page from exhausting the machine: how many sessions, and how long an idle one lives.</summary>
public sealed class SessionLimitTests
{
    [Fact]
    public async Task SessionsBeyondTheMostAllowedAreRefusedWith429()
    {
        await using var server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, MaxSessions: 2));
        using var http = new HttpClient { BaseAddress = server.Address, DefaultRequestHeaders = { { "X-Playground-Token", server.Token } } };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/sessions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/sessions", null)).StatusCode);
        using var refused = await http.PostAsync("api/sessions", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("all 2 playground sessions are in use", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnIdleSessionIsClosed()
    {
        // 2 s idle: long enough that a slow machine still sees the session open right after making it
        await using var server = await PlaygroundServer.StartAsync(new PlaygroundOptions(Port: 0, IdleMinutes: 2.0 / 60));
        using var http = new HttpClient { BaseAddress = server.Address, DefaultRequestHeaders = { { "X-Playground-Token", server.Token } } };
        using var created = await http.PostAsync("api/sessions", null);
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        Assert.Equal(1, server.Sessions.Count);
        for (int i = 0; i < 600 && server.Sessions.Count > 0; i++) await Task.Delay(50);
        Assert.Equal(0, server.Sessions.Count);
        using var gone = await http.GetAsync($"api/sessions/{id}/frame");
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
    }

    [Fact]
    public void AStoppingStoreMakesNoMoreSessions()
    {
        var store = new Backprop.Playground.Sessions.SessionStore(4, TimeSpan.FromMinutes(1));
        var open = store.Create(Backprop.Playground.Sessions.Settings.Parse([]));
        store.Dispose();
        Assert.True(open.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => store.Create(Backprop.Playground.Sessions.Settings.Parse([])));
        Assert.Equal(0, store.Count);
    }
}

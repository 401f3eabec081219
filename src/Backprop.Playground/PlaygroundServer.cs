using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backprop.Errors;
using Backprop.Playground.Api;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backprop.Playground;

/// <summary>
/// The playground's web server: Kestrel serving the page (embedded in this assembly) and the session API, each browser tab training
/// its own network on the engine and receiving frames by Server-Sent Events. Writes nothing to the console.
/// </summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    /// <summary>How the API writes JSON: camelCase names, NaN and infinity as strings (a diverged loss is shown, not a failure).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = PlaygroundJson.Default, // generated contracts: no reflection, so the server runs trimmed and Native AOT
    };

    private readonly WebApplication _app;

    private PlaygroundServer(WebApplication app, SessionStore sessions, Uri address, Uri listening)
    {
        _app = app;
        Sessions = sessions;
        Address = address;
        Listening = listening;
    }

    /// <summary>The address to open on this machine, e.g. http://127.0.0.1:5000/ (the loopback one when listening on every address).</summary>
    public Uri Address { get; }

    /// <summary>The address listened on: <see cref="Address"/>, or e.g. http://0.0.0.0:5000/ when listening on every address.</summary>
    public Uri Listening { get; }

    /// <summary>The page's token: a secret of this process, written into the page, which every state-changing request must carry.</summary>
    public string Token { get; private init; } = "";

    /// <summary>Whether it listens on an address other machines can reach (anything but loopback, such as 0.0.0.0).</summary>
    public bool OpenToNetwork { get; private init; }

    /// <summary>The open sessions.</summary>
    public SessionStore Sessions { get; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="BackpropException">The host is not an IP address or localhost, the port is out of range or in use.</exception>
    public static async Task<PlaygroundServer> StartAsync(PlaygroundOptions options, CancellationToken cancel = default)
    {
        if (options.Port is < 0 or > 65535) throw BackpropException.BadSetting($"--port: {options.Port} is not a port (0..65535).");
        var address = Bindable(options.Host);
        var token = new PageToken();
        var allowed = new AllowedHosts(options.Host, address);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = PlaygroundData.MaxUploadBytes + 1;
            kestrel.Limits.MaxConcurrentConnections = 256;
            kestrel.Listen(address, options.Port);
        });
        var sessions = new SessionStore(options.MaxSessions, TimeSpan.FromMinutes(options.IdleMinutes), options.MaxSessionsPerClient);
        var app = builder.Build();
        app.UseMiddleware<HostFilter>(allowed);
        app.UseMiddleware<RequestBounds>();
        app.UseRouting();
        app.UseMiddleware<ErrorResponses>();
        app.UseMiddleware<PageOnly>(token);
        StaticPage.Map(app, token);
        SessionEndpoints.Map(app, sessions);
        try { await app.StartAsync(cancel); }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or NotSupportedException)
        {
            sessions.Dispose();
            throw BackpropException.BadSetting($"--port {options.Port}: cannot listen on {options.Host}: {e.Message}", e);
        }
        var listening = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        var open = address.Equals(IPAddress.Any) ? new UriBuilder(listening) { Host = "127.0.0.1" }.Uri
            : address.Equals(IPAddress.IPv6Any) ? new UriBuilder(listening) { Host = "[::1]" }.Uri : listening;
        return new PlaygroundServer(app, sessions, open, listening) { Token = token.Value, OpenToNetwork = !IPAddress.IsLoopback(address) };
    }

    /// <summary>The address <paramref name="host"/> names, if Kestrel can listen on it: localhost is 127.0.0.1; an IPv4 address written as IPv6
    /// (::ffff:127.0.0.1), a multicast or broadcast address is refused.</summary>
    private static IPAddress Bindable(string host)
    {
        // localhost is 127.0.0.1: Kestrel's own localhost binds two addresses, which it cannot do on port 0 (a free port)
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (!IPAddress.TryParse(host, out var address) || host.Contains('%') || host.Contains('/'))
            throw BackpropException.BadSetting($"--host: '{host}' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.");
        if (address.IsIPv4MappedToIPv6)
            throw BackpropException.BadSetting($"--host: '{host}' is an IPv4 address written as IPv6; give it as {address.MapToIPv4()}.");
        if (address.Equals(IPAddress.Broadcast) || address.IsIPv6Multicast || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and < 240))
            throw BackpropException.BadSetting($"--host: '{host}' is a multicast or broadcast address; give one of this machine's addresses, 127.0.0.1 or 0.0.0.0.");
        return address;
    }

    /// <summary>Completes when the server stops (<paramref name="cancel"/> stops it).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancel)
    {
        try { await Task.Delay(Timeout.Infinite, cancel); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops the server and closes every session (first, so their event streams end; the store then refuses new ones).</summary>
    public async ValueTask DisposeAsync()
    {
        Sessions.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

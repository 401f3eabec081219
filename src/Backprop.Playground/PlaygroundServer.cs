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
    };

    private readonly WebApplication _app;

    private PlaygroundServer(WebApplication app, SessionStore sessions, Uri address)
    {
        _app = app;
        Sessions = sessions;
        Address = address;
    }

    /// <summary>The address to open, e.g. http://127.0.0.1:5000/.</summary>
    public Uri Address { get; }

    /// <summary>The open sessions.</summary>
    public SessionStore Sessions { get; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="BackpropException">The host is not an IP address or localhost, the port is out of range or in use.</exception>
    public static async Task<PlaygroundServer> StartAsync(PlaygroundOptions options, CancellationToken cancel = default)
    {
        if (options.Port is < 0 or > 65535) throw BackpropException.BadSetting($"--port: {options.Port} is not a port (0..65535).");
        bool localhost = options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        if (!localhost && !IPAddress.TryParse(options.Host, out _))
            throw BackpropException.BadSetting($"--host: '{options.Host}' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = PlaygroundData.MaxUploadBytes + 1;
            if (localhost) kestrel.ListenLocalhost(options.Port);
            else kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
        });
        var sessions = new SessionStore(options.MaxSessions, TimeSpan.FromMinutes(options.IdleMinutes));
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<ErrorResponses>();
        StaticPage.Map(app);
        SessionEndpoints.Map(app, sessions);
        try { await app.StartAsync(cancel); }
        catch (IOException e)
        {
            sessions.Dispose();
            throw BackpropException.BadSetting($"--port {options.Port}: cannot listen on {options.Host}: {e.Message}", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlaygroundServer(app, sessions, new Uri(bound.Replace("[::1]", "localhost", StringComparison.Ordinal) + "/"));
    }

    /// <summary>Completes when the server stops (<paramref name="cancel"/> stops it).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancel)
    {
        try { await Task.Delay(Timeout.Infinite, cancel); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops the server and closes every session.</summary>
    public async ValueTask DisposeAsync()
    {
        Sessions.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

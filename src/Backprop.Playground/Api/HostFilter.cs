using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// Answers only requests addressed to this playground: a <c>Host</c> header naming 127.0.0.1, localhost, [::1], the <c>--host</c> given,
/// or, when listening on every address, one of this machine's own addresses or its name. Any other name is refused (400) before routing, so a
/// page of another site whose name was made to resolve to this machine (DNS rebinding) reads and changes nothing.
/// </summary>
internal sealed class HostFilter(RequestDelegate next, AllowedHosts allowed)
{
    public async Task InvokeAsync(HttpContext http)
    {
        string host = http.Request.Host.Host;
        if (!allowed.Contains(host))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new ErrorAnswer($"this playground answers only to {allowed}; the request was addressed to '{Shown(host)}'"), Answer.Of<ErrorAnswer>());
            return;
        }
        await next(http);
    }

    private static string Shown(string host) => host.Length > 100 ? host[..100] + "..." : host;
}

/// <summary>The host names a playground answers to (compared without case, without the port).</summary>
internal sealed class AllowedHosts
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost", "[::1]" };

    /// <summary>The loopback names, the name or address <paramref name="given"/>, and this machine's own addresses when <paramref name="bound"/> is a wildcard.</summary>
    public AllowedHosts(string given, IPAddress bound)
    {
        _names.Add(Name(given));
        if (!bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any)) return;
        _names.Add(Dns.GetHostName());
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                _names.Add(Name(unicast.Address.ToString()));
    }

    public bool Contains(string host) => host.Length > 0 && _names.Contains(host);

    public override string ToString() => string.Join(", ", _names.Take(6)) + (_names.Count > 6 ? " and this machine's other addresses" : "");

    // An IPv6 address is written in brackets in a Host header.
    private static string Name(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !host.StartsWith('[')
            ? $"[{ip}]" : host;
}

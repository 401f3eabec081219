using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// Refuses (403) an API request that changes state unless it carries the header <c>X-Playground: 1</c>, which the page sends. Another
/// site's page can send a plain POST here without asking (a "simple" cross-site request), but not one with a custom header: the
/// browser first asks permission, which this server never gives. So no other site can make or drive sessions.
/// </summary>
internal sealed class PageOnly(RequestDelegate next)
{
    /// <summary>The header the page sends with every state-changing request.</summary>
    public const string Header = "X-Playground";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        bool changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (changes && request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && request.Headers[Header] != "1")
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsJsonAsync(new { error = $"a request that changes a session needs the header {Header}: 1 (the page sends it)" },
                PlaygroundServer.Json);
            return;
        }
        await next(http);
    }
}

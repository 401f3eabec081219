using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backprop.Playground.Api;

/// <summary>
/// The page's files, embedded in this assembly under <c>wwwroot/</c> and served as they are (nothing comes from a CDN), but for the
/// page's token (<see cref="PageToken"/>), written into <c>index.html</c>'s <see cref="TokenMeta"/>. Every answer says not to guess its
/// type, and the page not to be framed by another site nor cached.
/// </summary>
internal static class StaticPage
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml", [".csv"] = "text/csv; charset=utf-8",
    };

    /// <summary>The element of <c>index.html</c> the token is written into.</summary>
    public const string TokenMeta = "<meta name=\"playground-token\" content=\"\">";

    public static void Map(IEndpointRouteBuilder app, PageToken token)
    {
        var assembly = typeof(StaticPage).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            string name = resource["wwwroot/".Length..];
            string type = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            if (name == "index.html") bytes = WithToken(bytes, token);
            var result = Results.Bytes(bytes, type);
            IResult Serve(HttpContext http)
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                return result;
            }
            app.MapGet("/" + name, Serve);
            if (name == "index.html") app.MapGet("/", Serve);
        }
    }

    private static byte[] WithToken(byte[] page, PageToken token)
    {
        string html = System.Text.Encoding.UTF8.GetString(page);
        if (!html.Contains(TokenMeta, StringComparison.Ordinal)) throw new InvalidOperationException($"index.html has no {TokenMeta} for the page's token.");
        return System.Text.Encoding.UTF8.GetBytes(html.Replace(TokenMeta, $"<meta name=\"playground-token\" content=\"{token.Value}\">", StringComparison.Ordinal));
    }
}

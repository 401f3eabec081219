using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backprop.Playground.Api;

/// <summary>The page's files, embedded in this assembly under <c>wwwroot/</c> and served as they are: nothing comes from a CDN.</summary>
internal static class StaticPage
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml", [".csv"] = "text/csv; charset=utf-8",
    };

    public static void Map(IEndpointRouteBuilder app)
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
            var result = Results.Bytes(bytes, type);
            app.MapGet("/" + name, () => result);
            if (name == "index.html") app.MapGet("/", () => result);
        }
    }
}

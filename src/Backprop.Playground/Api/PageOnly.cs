using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// Refuses (403) every request that may change state — any method but GET and HEAD, whatever its path or the path's case — unless it
/// carries the page's own token in <see cref="Header"/> (a secret of this process, given to the page when it loads, compared in constant
/// time) and, when the browser says where it comes from, comes from this very origin (<c>Origin</c>, <c>Sec-Fetch-Site</c>). Another
/// site's page cannot read the token (the browser keeps pages of other origins apart, and <see cref="HostFilter"/> refuses rebound names),
/// so it can neither make nor drive a session.
/// </summary>
internal sealed class PageOnly(RequestDelegate next, PageToken token)
{
    /// <summary>The header the page sends its token in with every state-changing request.</summary>
    public const string Header = "X-Playground-Token";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        bool changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (changes && Refusal(request) is { } why)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsJsonAsync(new ErrorAnswer(why), Answer.Of<ErrorAnswer>());
            return;
        }
        await next(http);
    }

    private string? Refusal(HttpRequest request)
    {
        if (!token.Matches(request.Headers[Header].ToString()))
            return $"a request that changes a session needs the page's token in the header {Header} (the page sends it); reload the page";
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin") return $"a request that changes a session must come from the playground's own page; this one came from a {site} page";
        string origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return $"a request that changes a session must come from the playground's own page; this one came from {(origin.Length > 100 ? origin[..100] + "..." : origin)}";
        return null;
    }
}

/// <summary>The page's token: 32 random bytes as hex, made once per process.</summary>
internal sealed class PageToken
{
    private readonly byte[] _bytes;

    public PageToken()
    {
        Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _bytes = Encoding.ASCII.GetBytes(Value);
    }

    /// <summary>The token as the page sends it.</summary>
    public string Value { get; }

    /// <summary>Whether <paramref name="given"/> is the token, in time independent of where they differ.</summary>
    public bool Matches(string given)
    {
        var bytes = Encoding.UTF8.GetBytes(given);
        return bytes.Length == _bytes.Length && CryptographicOperations.FixedTimeEquals(bytes, _bytes);
    }
}

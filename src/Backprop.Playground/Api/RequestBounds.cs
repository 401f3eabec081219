using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Backprop.Playground.Api;

/// <summary>
/// Bounds every request's body: an upload (a path ending in <c>/upload</c>) up to <see cref="PlaygroundData.MaxUploadBytes"/>, any other
/// request up to <see cref="MaxBodyBytes"/> (the API reads its settings from the query), a larger declared body refused at once (413);
/// an upload's own refusal names its limit (<see cref="Upload"/>).
/// </summary>
internal sealed class RequestBounds(RequestDelegate next)
{
    /// <summary>The most bytes of body a request other than an upload may carry.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        bool upload = http.Request.Path.Value?.EndsWith("/upload", StringComparison.OrdinalIgnoreCase) == true;
        long limit = upload ? PlaygroundData.MaxUploadBytes : MaxBodyBytes;
        if (!upload && http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsJsonAsync(new ErrorAnswer(
                $"the request's body has {http.Request.ContentLength} bytes; at most {limit} are accepted (settings travel in the query)"), Answer.Of<ErrorAnswer>());
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
        await next(http);
    }
}

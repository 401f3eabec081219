using Backprop.Errors;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// Turns a refused request into JSON <c>{"error": "..."}</c>: a bad setting, parameter or upload (a <see cref="BackpropException"/>, thrown
/// where each is checked, or a body Kestrel refused) is a 400; a full store is a 429; a request arriving while the server stops is a
/// 503. Anything else is the server's fault: a 500 with a plain message, never .NET's own text. A refusal that routing makes without a
/// body (a path that is not served, 404; a method the path does not take, 405) gets its message too.
/// </summary>
internal sealed class ErrorResponses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
            if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && http.Response.ContentType is null && Bare(http) is { } message)
                await http.Response.WriteAsJsonAsync(new ErrorAnswer(message), Answer.Of<ErrorAnswer>());
        }
        catch (Exception e) when (!http.Response.HasStarted && !(e is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            var (status, message) = e switch
            {
                StoreFullException => (StatusCodes.Status429TooManyRequests, e.Message),
                ObjectDisposedException => (StatusCodes.Status503ServiceUnavailable, "the playground is stopping"),
                BackpropException or BadHttpRequestException => (StatusCodes.Status400BadRequest, e.Message),
                _ => (StatusCodes.Status500InternalServerError, "the playground failed on this request (a fault of the server, not of the request)"),
            };
            http.Response.Clear();
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new ErrorAnswer(message), Answer.Of<ErrorAnswer>());
        }
    }

    // The message of a refusal that routing answered without one.
    private static string? Bare(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "";
        if (path.Length > 100) path = path[..100] + "...";
        return http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"nothing is served at {path}",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not a method {path} takes",
            _ => null,
        };
    }
}

using Backprop.Errors;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// Turns a refused request into JSON <c>{"error": "..."}</c>: a bad setting, parameter or upload (the library's
/// <see cref="BackpropException"/>, an argument or format error, a body Kestrel refused) is a 400; a full store is a 429; a request
/// arriving while the server stops is a 503.
/// </summary>
internal sealed class ErrorResponses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try { await next(http); }
        catch (Exception e) when (Status(e) is { } status && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new { error = e.Message }, PlaygroundServer.Json);
        }
    }

    private static int? Status(Exception e) => e switch
    {
        StoreFullException => StatusCodes.Status429TooManyRequests,
        ObjectDisposedException => StatusCodes.Status503ServiceUnavailable,
        BackpropException or ArgumentException or FormatException or BadHttpRequestException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}

using System.Text;
using System.Text.Json;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>
/// A session's frames as Server-Sent Events: <c>setup</c> when the network or data change, <c>frame</c> on every update, a comment every
/// few seconds so proxies keep the stream open. An open stream keeps its session from going idle.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    public static async Task Run(SessionStore store, Session session, HttpContext http)
    {
        using var counted = store.OpenStream(session); // refused (429) before the stream begins when too many are open
        var cancel = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        long setupSent = 0, frameSent = 0;
        try
        {
            while (!cancel.IsCancellationRequested && !session.IsClosed)
            {
                session.Touch();
                var (setup, frame) = session.Latest;
                if (setup.Version > setupSent) { await Write(http, "setup", setup, cancel); setupSent = setup.Version; }
                if (frame.Version > frameSent) { await Write(http, "frame", frame, cancel); frameSent = frame.Version; }
                else await http.Response.WriteAsync(": idle\n\n", cancel);
                await http.Response.Body.FlushAsync(cancel);
                await session.WaitForChange(frameSent, setupSent, KeepAlive, cancel);
            }
        }
        catch (OperationCanceledException) { } // the tab closed
    }

    private static async Task Write<T>(HttpContext http, string name, T value, CancellationToken cancel)
    {
        var json = JsonSerializer.Serialize(value, Answer.Of<T>());
        await http.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", Encoding.UTF8, cancel);
    }
}

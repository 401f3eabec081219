using System.Globalization;
using Backprop.Errors;
using Backprop.Playground.Inspect;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backprop.Playground.Api;

/// <summary>
/// The session API. Settings travel as the page's URL keeps them (query keys of <see cref="Settings"/>); every answer is JSON, a refusal
/// <c>{"error": "..."}</c> with status 400.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SessionStore store)
    {
        var api = app.MapGroup("/api/sessions");
        api.MapPost("", (HttpContext http) =>
        {
            var session = store.Create(Settings.Parse(Query(http.Request)), Client(http));
            var (setup, frame) = session.Latest;
            return Results.Json(new SessionCreated(session.Id, setup, frame), Answer.Of<SessionCreated>());
        });
        api.MapDelete("/{id}", (string id) => { store.Close(id); return Results.Json(new SessionClosed(id), Answer.Of<SessionClosed>()); });
        api.MapGet("/{id}/events", (string id, HttpContext http) => EventStream.Run(store, store.Get(id), http));
        api.MapGet("/{id}/frame", (string id) => Results.Json(store.Get(id).Latest.Frame, Answer.Of<Frame>()));
        api.MapPost("/{id}/play", (string id) => Done(store.Get(id), s => s.Play()));
        api.MapPost("/{id}/pause", (string id) => Done(store.Get(id), s => s.Pause()));
        api.MapPost("/{id}/step", (string id) => Done(store.Get(id), s => s.Step()));
        api.MapPost("/{id}/reset", (string id) => Done(store.Get(id), s => s.Reset()));
        api.MapPost("/{id}/config", (string id, HttpRequest request) => Done(store.Get(id), s => s.Configure(Settings.Parse(Query(request)))));
        api.MapPost("/{id}/upload", async (string id, HttpRequest request) =>
        {
            var session = store.Get(id);
            var settings = Settings.Parse(Query(request));
            string name = request.Headers["X-File-Name"].ToString() is { Length: > 0 and <= 200 } given ? Path.GetFileName(given) : "upload.csv";
            var csv = await Upload.Read(request);
            return Done(session, s => s.Upload(csv, name, settings));
        });
        api.MapGet("/{id}/edge", (string id, HttpRequest request) =>
        {
            int layer = Int(request, "layer"), to = Int(request, "to");
            int? from = request.Query["from"].ToString() == "b" ? null : Int(request, "from");
            return Results.Json(store.Get(id).Inspect(run => EdgeInspection.Of(run, layer, from, to)), Answer.Of<EdgeInspection>());
        });
        api.MapGet("/{id}/node", (string id, HttpRequest request) =>
        {
            int layer = Int(request, "layer"), unit = Int(request, "unit");
            var point = Numbers(request, "x");
            return Results.Json(store.Get(id).Inspect(run => NodeInspection.Of(run, layer, unit, point)), Answer.Of<NodeInspection>());
        });
        api.MapGet("/{id}/spec", (string id) =>
            Results.Text(store.Get(id).Inspect(run => LastStep.Spec(run).ToJson()), "application/json; charset=utf-8"));
    }

    // The remote address, an IPv4 one written as such even when it arrived on an IPv6 socket.
    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "";

    private static IResult Done(Session session, Action<Session> command)
    {
        command(session);
        var (setup, frame) = session.Latest;
        return Results.Json(new SessionState(setup, frame), Answer.Of<SessionState>());
    }

    private static IEnumerable<KeyValuePair<string, string>> Query(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (values.Count > 1) throw BackpropException.BadSetting($"{key} is given {values.Count} times");
            yield return new(key, values.ToString());
        }
    }

    private static int Int(HttpRequest request, string key) =>
        int.TryParse(request.Query[key].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw BackpropException.BadSetting($"{key}: '{request.Query[key]}' is not a whole number");

    private static double[] Numbers(HttpRequest request, string key)
    {
        var text = request.Query[key].ToString();
        var parts = text.Split(',');
        if (text.Length == 0 || parts.Length > Settings.MaxUnits) throw BackpropException.BadSetting($"{key}: give the point's features, comma-separated");
        return [.. parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw BackpropException.BadSetting($"{key}: '{p}' is not a finite number"))];
    }
}

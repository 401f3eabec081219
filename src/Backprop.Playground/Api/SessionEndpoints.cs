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
        api.MapPost("/{id}/step", (string id, HttpRequest request) => Done(store.Get(id), s =>
        {
            if (request.Query["by"].ToString() is "epoch") s.StepEpoch();
            else if (request.Query["by"].ToString() is "" or "batch") s.Step();
            else throw BackpropException.BadSetting($"by: '{request.Query["by"]}' is neither batch nor epoch");
        }));
        api.MapPost("/{id}/speed", (string id, HttpRequest request) =>
            Done(store.Get(id), s => s.SetSpeed(Settings.ParseSpeed(request.Query["speed"].ToString() is { Length: > 0 } v ? v : "epoch"))));
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
        api.MapGet("/{id}/edge", (string id, HttpRequest request) => Results.Json(Edge(store.Get(id), request.Query), Answer.Of<EdgeInspection>()));
        api.MapGet("/{id}/node", (string id, HttpRequest request) => Results.Json(Node(store.Get(id), request.Query), Answer.Of<NodeInspection>()));
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

    private static IEnumerable<KeyValuePair<string, string>> Query(HttpRequest request) => Pairs(request.Query);

    /// <summary>The query's keys and values for <see cref="Settings.Parse"/>; a key given twice is refused (also by the fuzz harness, which reads a query without HTTP).</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Pairs(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (values.Count > 1) throw BackpropException.BadSetting($"{key} is given {values.Count} times");
            yield return new(key, values.ToString());
        }
    }

    /// <summary>The edge the query names (<c>layer</c>, <c>from</c> — a unit or <c>b</c>, the bias —, <c>to</c>), inspected on the session's last step.</summary>
    internal static EdgeInspection Edge(Session session, IQueryCollection query)
    {
        int layer = Int(query, "layer"), to = Int(query, "to");
        int? from = query["from"].ToString() == "b" ? null : Int(query, "from");
        return session.Inspect(run => EdgeInspection.Of(run, layer, from, to));
    }

    /// <summary>The unit the query names (<c>layer</c>, <c>unit</c>) at the point <c>x</c> (its features, comma-separated), inspected on the session's last step.</summary>
    internal static NodeInspection Node(Session session, IQueryCollection query)
    {
        int layer = Int(query, "layer"), unit = Int(query, "unit");
        var point = Numbers(query, "x");
        return session.Inspect(run => NodeInspection.Of(run, layer, unit, point));
    }

    private static int Int(IQueryCollection query, string key) =>
        int.TryParse(query[key].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw BackpropException.BadSetting($"{key}: '{query[key]}' is not a whole number");

    private static double[] Numbers(IQueryCollection query, string key)
    {
        var text = query[key].ToString();
        var parts = text.Split(',');
        if (text.Length == 0 || parts.Length > Settings.MaxUnits) throw BackpropException.BadSetting($"{key}: give the point's features, comma-separated");
        return [.. parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw BackpropException.BadSetting($"{key}: '{p}' is not a finite number"))];
    }
}

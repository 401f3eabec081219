using System.Text.Json.Serialization;
using Backprop.Playground.Inspect;
using Backprop.Playground.Sessions;

namespace Backprop.Playground.Api;

/// <summary>
/// The generated JSON contracts of every answer the API writes, so the server needs no reflection (a trimmed or Native AOT
/// <c>backprop playground</c>). <see cref="PlaygroundServer.Json"/> supplies the naming and number handling.
/// </summary>
[JsonSerializable(typeof(SessionCreated))]
[JsonSerializable(typeof(SessionState))]
[JsonSerializable(typeof(SessionClosed))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(Setup))]
[JsonSerializable(typeof(Frame))]
[JsonSerializable(typeof(EdgeInspection))]
[JsonSerializable(typeof(NodeInspection))]
internal sealed partial class PlaygroundJson : JsonSerializerContext;

/// <summary>The contracts under <see cref="PlaygroundServer.Json"/> (camelCase, named NaN), for the overloads that take no reflection.</summary>
internal static class Answer
{
    /// <summary>The contract of <typeparamref name="T"/> as the API writes it.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Of<T>() =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)PlaygroundServer.Json.GetTypeInfo(typeof(T));
}

using System.Text.Json.Serialization;

namespace Backprop.IO;

/// <summary>
/// Generated JSON contracts of the plain values the library, its sibling packages and the tool write as JSON text (name lists,
/// name → value maps), so none needs reflection: the output is that of <see cref="System.Text.Json.JsonSerializer"/>'s defaults.
/// </summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class PlainJson : JsonSerializerContext;

using System.Text.Json.Nodes;

namespace Backprop.Registration;

/// <summary>A registered extension, seen without its options type: name, aliases, a one-line summary and how to make one from JSON options.</summary>
public interface IRegistryEntry<out TItem> where TItem : class
{
    /// <summary>The name model files, checkpoints and the CLI write (<c>adam</c>, <c>layer_norm</c>).</summary>
    string Name { get; }

    /// <summary>Other names accepted on reading (<c>ce</c> for <c>softmax_ce</c>).</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>One line for <c>--help</c> and <c>info</c>.</summary>
    string Summary { get; }

    /// <summary>The options record's type (a record with a default for every value).</summary>
    Type OptionsType { get; }

    /// <summary>The default options as JSON (snake_case names).</summary>
    JsonObject Defaults { get; }

    /// <summary>True when <paramref name="name"/> is this entry's name or an alias (case and surrounding spaces ignored).</summary>
    bool Matches(string name);

    /// <summary>A new item from the defaults overlaid by <paramref name="options"/> (null: the defaults).</summary>
    /// <exception cref="FormatException">An option is unknown or of the wrong type; the message names it.</exception>
    TItem Create(JsonObject? options = null);
}

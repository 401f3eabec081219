namespace Backprop.Registration;

/// <summary>The options record of an entry that takes none (its JSON is <c>{}</c>).</summary>
public sealed record NoOptions
{
    /// <summary>The one value.</summary>
    public static NoOptions Value { get; } = new();
}

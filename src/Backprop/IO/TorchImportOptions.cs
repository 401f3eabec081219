using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// What a bare PyTorch state dict does not say about its <c>nn.Sequential</c>: the layer sizes, the hidden activation, whether every
/// hidden <c>Linear</c> is followed by <c>BatchNorm1d</c>, what the outputs mean and what the inputs are called.
/// </summary>
public sealed record TorchImportOptions
{
    /// <summary>Layer sizes, inputs first: <c>[4, 64, 3]</c> for <c>Linear(4, 64), ReLU(), Linear(64, 3)</c>.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }

    /// <summary>The activation after every hidden <c>Linear</c>; the last <c>Linear</c> has none (its outputs are logits or values).</summary>
    public required Activation Hidden { get; init; }

    /// <summary>Every hidden <c>Linear</c> is followed by <c>BatchNorm1d</c> (PyTorch's defaults: eps 1e-5, momentum 0.1), then the activation.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>What the outputs mean; null to infer it: classification for several outputs or when <see cref="ClassNames"/> are given.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The class names by output index (two for a binary model); default "0", "1", ...</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The input features' names in input order: with them the model gets a column layout, so files with these columns (in any order, with a header) can be predicted.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The target column's name in the column layout (default <c>target</c>).</summary>
    public string TargetName { get; init; } = "target";
}

namespace Backprop.Optim;

/// <summary>
/// The optimizers by name, each with PyTorch's defaults (<c>momentum</c> and <c>nesterov</c> are SGD with momentum 0.9): the CLI's
/// <c>--optimizer</c> reads this list. A new optimizer adds its file and one line here.
/// </summary>
public static class Optimizers
{
    private static readonly OptimizerOptions[] All =
    [
        new SgdOptions(),
        new SgdOptions { Momentum = 0.9 },
        new SgdOptions { Momentum = 0.9, Nesterov = true },
        new AdamOptions(),
        new AdamWOptions(),
        new RmsPropOptions(),
        new AdagradOptions(),
        new LbfgsOptions(),
    ];

    /// <summary>Every name, in the order listed.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name)];

    /// <summary>The options of the optimizer called <paramref name="name"/>; an <see cref="ArgumentException"/> lists the names when there is none.</summary>
    public static OptimizerOptions Defaults(string name) =>
        Array.Find(All, o => o.Name == name) ?? throw new ArgumentException($"No optimizer is called '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
}

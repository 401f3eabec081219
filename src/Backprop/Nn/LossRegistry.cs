namespace Backprop.Nn;

/// <summary>The built-in losses by name: adding one is its file plus one line here.</summary>
internal static class LossRegistry
{
    private static readonly (string[] Names, Func<Loss> Create)[] Known =
    [
        (["softmax_ce", "ce", "cross_entropy", "crossentropy"], () => new CrossEntropy()),
        (["bce_logits", "bce", "binary_cross_entropy"], () => new BinaryCrossEntropy()),
        (["mse_half", "half_squared_error"], () => new HalfSquaredError()),
        (["mse_mean", "mse", "mean_squared_error"], () => new MeanSquaredError()),
    ];

    /// <summary>The first name of each loss, comma-separated.</summary>
    public static string Names { get; } = string.Join(", ", Known.Select(k => k.Names[0]));

    /// <summary>A new loss for a name or alias (case and surrounding spaces ignored), or null.</summary>
    public static Loss? Create(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        foreach (var (names, create) in Known) if (names.Contains(key)) return create();
        return null;
    }
}

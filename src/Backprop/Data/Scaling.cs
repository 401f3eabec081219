namespace Backprop.Data;

/// <summary>Which per-feature scaler to fit on the training data.</summary>
public enum Scaling
{
    /// <summary>Features as they are.</summary>
    None,

    /// <summary>x' = (x − mean) / standard deviation (<see cref="StandardScaler"/>, scikit-learn's <c>StandardScaler</c>).</summary>
    Standard,

    /// <summary>x' = (x − min) / (max − min) (<see cref="MinMaxScaler"/>, scikit-learn's <c>MinMaxScaler</c>).</summary>
    MinMax,
}

/// <summary>The text model files and the CLI use for a <see cref="Scaling"/>: <c>none</c>, <c>standard</c>, <c>minmax</c>.</summary>
public static class ScalingNames
{
    /// <summary>The text of <paramref name="scaling"/>.</summary>
    public static string Name(this Scaling scaling) => scaling switch
    {
        Scaling.Standard => "standard",
        Scaling.MinMax => "minmax",
        _ => "none",
    };

    /// <summary>The scaling named <paramref name="text"/> (<c>none</c>, <c>standard</c>, <c>minmax</c> or <c>min_max</c>, any case).</summary>
    public static Scaling Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => Scaling.None,
        "standard" => Scaling.Standard,
        "minmax" or "min_max" => Scaling.MinMax,
        _ => throw new FormatException($"Unknown scaler '{text}'; expected one of {Scaler.Names}."),
    };
}

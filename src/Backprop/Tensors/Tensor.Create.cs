namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>Zeros of the given shape.</summary>
    public static Tensor<T> Zeros(params int[] shape) => new(new Shape(shape));

    /// <summary>Ones of the given shape.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>Every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape)
    {
        var t = new Tensor<T>(new Shape(shape));
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor<T> Scalar(T value, bool requiresGrad = false) => new(Shape.Scalar, [value]) { RequiresGrad = requiresGrad };

    /// <summary>A tensor over a copy of <paramref name="values"/> with the given shape (default: rank 1).</summary>
    public static Tensor<T> FromArray(T[] values, params int[] shape)
    {
        var s = shape.Length == 0 ? new Shape(values.Length) : new Shape(shape);
        if (s.Length != values.Length)
            throw new ArgumentException($"FromArray: {values.Length} values do not fill shape {s} ({s.Length} elements).");
        return new Tensor<T>(s, (T[])values.Clone());
    }

    /// <summary>A matrix from a 2-D array.</summary>
    public static Tensor<T> FromArray(T[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var t = new Tensor<T>(new Shape(rows, cols));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t.Data[i * cols + j] = values[i, j];
        return t;
    }

    /// <summary>A matrix from jagged rows, which must all have the same length.</summary>
    public static Tensor<T> FromRows(T[][] rows)
    {
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var t = new Tensor<T>(new Shape(rows.Length, cols));
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != cols)
                throw new ArgumentException($"FromRows: row {i} has {rows[i].Length} values; row 0 has {cols}.");
            rows[i].CopyTo(t.Data, i * cols);
        }
        return t;
    }

    /// <summary>The rank-1 tensor <c>start, start + step, ...</c> below <paramref name="stop"/>.</summary>
    public static Tensor<T> Arange(double start, double stop, double step = 1)
    {
        if (step == 0 || (stop - start) / step < 0)
            throw new ArgumentException($"Arange({start}, {stop}, {step}) does not progress from start to stop.");
        int n = (int)Math.Ceiling((stop - start) / step);
        var t = new Tensor<T>(new Shape(n));
        for (int i = 0; i < n; i++) t.Data[i] = T.CreateTruncating(start + i * step);
        return t;
    }

    /// <summary>Independent normal samples, mean + std·N(0, 1), from an explicit seed.</summary>
    public static Tensor<T> RandomNormal(ulong seed, double mean, double std, params int[] shape) => RandomNormal(new Rng(seed), mean, std, shape);

    /// <summary>Independent normal samples drawn from <paramref name="rng"/>.</summary>
    public static Tensor<T> RandomNormal(Rng rng, double mean, double std, params int[] shape)
    {
        var t = new Tensor<T>(new Shape(shape));
        for (int i = 0; i < t.Length; i++) t.Data[i] = T.CreateTruncating(rng.Normal(mean, std));
        return t;
    }

    /// <summary>Independent uniform samples in [low, high) from an explicit seed.</summary>
    public static Tensor<T> RandomUniform(ulong seed, double low, double high, params int[] shape) => RandomUniform(new Rng(seed), low, high, shape);

    /// <summary>Independent uniform samples in [low, high) drawn from <paramref name="rng"/>.</summary>
    public static Tensor<T> RandomUniform(Rng rng, double low, double high, params int[] shape)
    {
        var t = new Tensor<T>(new Shape(shape));
        for (int i = 0; i < t.Length; i++) t.Data[i] = T.CreateTruncating(rng.Uniform(low, high));
        return t;
    }
}

/// <summary>Creation helpers that infer the element type from their arguments.</summary>
public static class Tensor
{
    /// <summary>A rank-0 tensor (a scalar that can take part in autodiff, like micrograd's Value).</summary>
    public static Tensor<T> Scalar<T>(T value, bool requiresGrad = false) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => Tensor<T>.Scalar(value, requiresGrad);

    /// <summary>A rank-1 tensor over a copy of the values.</summary>
    public static Tensor<T> From<T>(params T[] values) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => Tensor<T>.FromArray(values);

    /// <summary>A matrix from a 2-D array.</summary>
    public static Tensor<T> From<T>(T[,] values) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => Tensor<T>.FromArray(values);
}

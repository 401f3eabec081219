using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Seeded synthetic data sets that need no download.</summary>
public static class Generate
{
    /// <summary>K interleaved spiral arms in 2-D (CS231n's classic), <paramref name="perClass"/> points each; class = arm.</summary>
    public static Dataset<T> Spirals<T>(int perClass = 200, int classes = 3, double noise = 0.1, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Positive(perClass, nameof(perClass)); Positive(classes, nameof(classes));
        var rng = new Rng(seed);
        return Points<T>(perClass * classes, classes, row =>
        {
            int c = row / perClass, i = row % perClass;
            double r = perClass == 1 ? 1 : (double)i / (perClass - 1);
            double t = 4.0 * (c + r) + rng.Normal(0, noise);
            return (r * Math.Sin(t), r * Math.Cos(t), c);
        });
    }

    /// <summary>Four Gaussian clusters at the corners of the unit square; class = x₀ XOR x₁ of the corner.</summary>
    public static Dataset<T> Xor<T>(int count = 200, double noise = 0.1, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Positive(count, nameof(count));
        var rng = new Rng(seed);
        return Points<T>(count, 2, i =>
        {
            int a = i & 1, b = (i >> 1) & 1;
            return (a + rng.Normal(0, noise), b + rng.Normal(0, noise), a ^ b);
        });
    }

    /// <summary>Two interleaving half circles (scikit-learn's make_moons).</summary>
    public static Dataset<T> Moons<T>(int count = 400, double noise = 0.1, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Positive(count, nameof(count));
        var rng = new Rng(seed);
        return Points<T>(count, 2, i =>
        {
            int c = i % 2;
            double t = Math.PI * rng.NextDouble();
            double px = c == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double py = c == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            return (px + rng.Normal(0, noise), py + rng.Normal(0, noise), c);
        });
    }

    /// <summary>A small circle inside a large one (scikit-learn's make_circles); class 1 = inner.</summary>
    public static Dataset<T> Circles<T>(int count = 400, double noise = 0.05, double factor = 0.5, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Positive(count, nameof(count));
        var rng = new Rng(seed);
        return Points<T>(count, 2, i =>
        {
            int c = i % 2;
            double t = 2 * Math.PI * rng.NextDouble(), r = c == 1 ? factor : 1;
            return (r * Math.Cos(t) + rng.Normal(0, noise), r * Math.Sin(t) + rng.Normal(0, noise), c);
        });
    }

    /// <summary>1-D regression: x uniform in [-π, π], y = sin(x) + N(0, noise²); targets [N, 1].</summary>
    public static Dataset<T> Sine<T>(int count = 400, double noise = 0.1, ulong seed = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Positive(count, nameof(count));
        var rng = new Rng(seed);
        var x = new Tensor<T>(new Shape(count, 1));
        var y = new Tensor<T>(new Shape(count, 1));
        for (int i = 0; i < count; i++)
        {
            double v = rng.Uniform(-Math.PI, Math.PI);
            x.Span[i] = T.CreateTruncating(v);
            y.Span[i] = T.CreateTruncating(Math.Sin(v) + rng.Normal(0, noise));
        }
        return new Dataset<T>(x, y);
    }

    // A 2-D classification set: row i is point(i), called in row order so the random draws stay in one sequence.
    private static Dataset<T> Points<T>(int count, int classes, Func<int, (double X0, double X1, int Label)> point)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new Tensor<T>(new Shape(count, 2));
        var y = new Tensor<T>(new Shape(count));
        for (int i = 0; i < count; i++)
        {
            var (x0, x1, label) = point(i);
            x.Span[2 * i] = T.CreateTruncating(x0);
            x.Span[2 * i + 1] = T.CreateTruncating(x1);
            y.Span[i] = T.CreateTruncating(label);
        }
        return new Dataset<T>(x, y, classes);
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, $"{name} must be at least 1; got {value}.");
    }
}

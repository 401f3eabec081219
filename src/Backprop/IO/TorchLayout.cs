using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.IO;

/// <summary>
/// Maps an MLP to and from PyTorch's state dict for the equivalent <c>nn.Sequential</c>: Dense layer k is the Linear at
/// <see cref="Architecture.TorchIndices"/>[k], with <c>i.weight</c> [out, in] (our W [in, out] transposed) and <c>i.bias</c> [out].
/// </summary>
internal static class TorchLayout
{
    public static List<SafetensorsTensor> ToTensors<T>(Sequential<T> model, Architecture architecture) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = typeof(T) == typeof(float) ? "F32" : "F64";
        var dense = model.Layers.OfType<Dense<T>>().ToList();
        var indices = architecture.TorchIndices();
        var tensors = new List<SafetensorsTensor>();
        for (int k = 0; k < dense.Count; k++)
        {
            var d = dense[k];
            int n = d.Inputs, m = d.Outputs;
            var weight = new double[m * n];
            var w = d.W.Span;
            for (int i = 0; i < n; i++)
                for (int o = 0; o < m; o++) weight[o * n + i] = double.CreateTruncating(w[i * m + o]);
            var bias = d.B.ToArray().Select(double.CreateTruncating).ToArray();
            tensors.Add(SafetensorsTensor.FromValues($"{indices[k]}.weight", dtype, [m, n], weight));
            tensors.Add(SafetensorsTensor.FromValues($"{indices[k]}.bias", dtype, [m], bias));
        }
        return tensors;
    }

    /// <summary>The model the tensors describe; every tensor must be there with its shape, and no other.</summary>
    public static Sequential<T> FromTensors<T>(SafetensorsFile file, Architecture architecture, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var indices = architecture.TorchIndices();
        var expected = indices.SelectMany(i => new[] { $"{i}.weight", $"{i}.bias" }).ToList();
        string needs = $"the architecture {architecture} needs {string.Join(", ", expected)}";
        foreach (var t in file.Tensors)
            if (!expected.Contains(t.Name)) throw new InvalidDataException($"{path}: tensor \"{t.Name}\" is not part of the model; {needs}.");
        var layers = new Module<T>[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            int n = architecture.Sizes[k], m = architecture.Sizes[k + 1];
            var weight = Values(file, $"{indices[k]}.weight", [m, n], architecture, needs, path);
            var bias = Values(file, $"{indices[k]}.bias", [m], architecture, needs, path);
            var w = new Tensor<T>(new Shape(n, m));
            for (int i = 0; i < n; i++)
                for (int o = 0; o < m; o++) w.Span[i * m + o] = T.CreateTruncating(weight[o * n + i]);
            var b = new Tensor<T>(new Shape(m));
            for (int o = 0; o < m; o++) b.Span[o] = T.CreateTruncating(bias[o]);
            layers[k] = new Dense<T>(w, b, architecture.Activations[k]);
        }
        return new Sequential<T>(layers);
    }

    private static double[] Values(SafetensorsFile file, string name, long[] shape, Architecture architecture, string needs, string path)
    {
        var t = file.Find(name) ?? throw new InvalidDataException($"{path}: tensor \"{name}\" is missing; {needs}.");
        if (!t.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"{path}: tensor \"{name}\" has shape [{string.Join(", ", t.Shape)}]; the architecture {architecture} needs [{string.Join(", ", shape)}]{(shape.Length == 2 ? " ([out, in])" : "")}.");
        return t.ToDoubles(path);
    }
}

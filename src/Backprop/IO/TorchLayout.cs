using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.IO;

/// <summary>
/// Maps an MLP to and from PyTorch's state dict for the equivalent <c>nn.Sequential</c>, the only place where parameter names are
/// translated: <c>layerK.w</c> [in, out] is stored as <c>i.weight</c> [out, in] (transposed) and <c>layerK.b</c> as <c>i.bias</c>,
/// i = <see cref="Architecture.TorchIndices"/>[K - 1] (see <see cref="Architecture.TensorNames"/>).
/// </summary>
internal static class TorchLayout
{
    public static List<SafetensorsTensor> ToTensors<T>(Sequential<T> model, Architecture architecture) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = typeof(T) == typeof(float) ? "F32" : "F64";
        var dense = model.Layers.OfType<Dense<T>>().ToList();
        var names = architecture.TensorNames();
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
            tensors.Add(SafetensorsTensor.FromValues(names[2 * k].Tensor, dtype, [m, n], weight));
            tensors.Add(SafetensorsTensor.FromValues(names[2 * k + 1].Tensor, dtype, [m], bias));
        }
        return tensors;
    }

    /// <summary>The model the tensors describe; every tensor must be there with its shape, and no other.</summary>
    public static Sequential<T> FromTensors<T>(SafetensorsFile file, Architecture architecture, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var names = architecture.TensorNames();
        string needs = $"the architecture {architecture} needs {string.Join(", ", names.Select(p => p.Tensor))}";
        foreach (var t in file.Tensors)
            if (!names.Any(p => p.Tensor == t.Name)) throw new InvalidDataException($"{path}: tensor \"{t.Name}\" is not part of the model; {needs}.");
        var layers = new Module<T>[architecture.Activations.Count];
        for (int k = 0; k < layers.Length; k++)
        {
            int n = architecture.Sizes[k], m = architecture.Sizes[k + 1];
            var weight = Values(file, names[2 * k], [m, n], architecture, needs, path);
            var bias = Values(file, names[2 * k + 1], [m], architecture, needs, path);
            var w = new Tensor<T>(new Shape(n, m));
            for (int i = 0; i < n; i++)
                for (int o = 0; o < m; o++) w.Span[i * m + o] = T.CreateTruncating(weight[o * n + i]);
            var b = new Tensor<T>(new Shape(m));
            for (int o = 0; o < m; o++) b.Span[o] = T.CreateTruncating(bias[o]);
            layers[k] = new Dense<T>(w, b, architecture.Activations[k]);
        }
        return new Sequential<T>(layers);
    }

    private static double[] Values(SafetensorsFile file, (string Parameter, string Tensor) name, long[] shape, Architecture architecture, string needs, string path)
    {
        var t = file.Find(name.Tensor) ?? throw new InvalidDataException($"{path}: tensor \"{name.Tensor}\" ({name.Parameter}) is missing; {needs}.");
        if (!t.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"{path}: tensor \"{name.Tensor}\" ({name.Parameter}) has shape [{string.Join(", ", t.Shape)}]; the architecture {architecture} needs [{string.Join(", ", shape)}]{(shape.Length == 2 ? " ([out, in])" : "")}.");
        return t.ToDoubles(path);
    }
}

using System.Numerics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.IO;

/// <summary>
/// Builds an MLP from PyTorch's state dict for the equivalent <c>nn.Sequential</c> described by an <see cref="Architecture"/> (files written
/// before the module contract, and <c>import --torch</c>; newer files are written and read through the module list, <see cref="ModuleState"/>): a Dense layer's <c>w</c> [in, out] is stored as <c>i.weight</c> [out, in] (transposed) and its <c>b</c> as <c>i.bias</c>,
/// i = <see cref="Architecture.TorchIndices"/>[k]; a BatchNorm1d after it as <c>(i+1).weight</c>, <c>.bias</c> (when affine), <c>.running_mean</c>,
/// <c>.running_var</c> [features] and <c>.num_batches_tracked</c> (I64 scalar) (see <see cref="Architecture.TensorNames"/>).
/// </summary>
internal static class TorchLayout
{
    /// <summary>The model the tensors describe; every tensor must be there with its shape, and no other (see <see cref="TorchTensorCheck"/>).</summary>
    public static Sequential<T> FromTensors<T>(SafetensorsFile file, Architecture architecture, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TorchTensorCheck.Check(file, architecture, path);
        var names = architecture.TensorNames();
        int next = 0;
        SafetensorsTensor Next() => file.Find(names[next++].Tensor)!;
        double[] Values()
        {
            var tensor = Next();
            var values = tensor.ToDoubles(path);
            StateValueCheck.Check(tensor.Name, values, path);
            return values;
        }
        var layers = new List<Module<T>>();
        for (int k = 0; k < architecture.Activations.Count; k++)
        {
            int n = architecture.Sizes[k], m = architecture.Sizes[k + 1];
            var weight = Next(); // read from the file a chunk at a time: no copy of the largest matrix, in bytes or in doubles
            weight.CheckFloating(path);
            var w = new Tensor<T>(new Shape(n, m));
            weight.ReadValues((at, stored) => // PyTorch's [m, n]: stored index s = o·n + i holds ours [i, o]; a chunk at a time from the file
            {
                var ws = w.Span;
                for (int k = 0; k < stored.Length; k++) ws[(at + k) % n * m + (at + k) / n] = T.CreateTruncating(stored[k]);
            });
            var bias = Values();
            var activation = architecture.Activations[k];
            if (architecture.BatchNormAfter(k) is not { } spec) { layers.Add(new Dense<T>(w, Copy<T>(bias), activation)); continue; }
            layers.Add(new Dense<T>(w, Copy<T>(bias), Activation.Identity));
            var norm = new BatchNorm1d<T>(m, spec.Eps, spec.Momentum, spec.Affine);
            foreach (var state in spec.Affine ? new[] { norm.Weight, norm.Bias, norm.RunningMean, norm.RunningVar } : [norm.RunningMean, norm.RunningVar]) Copy(Values(), state.Span);
            var tracked = Next();
            norm.NumBatchesTracked = tracked.ToInt64s(path) is [var count and >= 0] ? count
                : throw BackpropException.BadInput($"{path}: tensor \"{tracked.Name}\" ({names[next - 1].Parameter}) is a negative batch count.");
            layers.Add(norm);
            if (!activation.IsIdentity) layers.Add(new ActivationLayer<T>(activation));
        }
        return new Sequential<T>([.. layers]);
    }

    private static Tensor<T> Copy<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(new Shape(values.Length));
        Copy(values, t.Span);
        return t;
    }

    private static void Copy<T>(double[] values, Span<T> to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++) to[i] = T.CreateTruncating(values[i]);
    }
}

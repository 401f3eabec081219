using System.Globalization;
using System.Numerics;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// What a model file needs besides its tensors to rebuild an MLP: the layer sizes [inputs, hidden..., outputs],
/// the activation after each Dense layer, (optionally) the loss it was trained with, and which Dense layers are followed by
/// batch normalisation (Dense → BatchNorm1d → activation).
/// </summary>
/// <param name="Sizes">Layer sizes, inputs first.</param>
/// <param name="Activations">One activation per Dense layer (Sizes.Count − 1 of them).</param>
/// <param name="Loss">The loss name (<see cref="Nn.Loss.Names"/>), or null when unknown.</param>
/// <param name="BatchNorm">One entry per Dense layer: the batch normalisation between it and its activation, or null for none;
/// null as a whole when no layer has one (as in files written before batch normalisation could be saved).</param>
public sealed record Architecture(IReadOnlyList<int> Sizes, IReadOnlyList<Activation> Activations, string? Loss = null, IReadOnlyList<BatchNormSpec?>? BatchNorm = null)
{
    /// <summary>An MLP's architecture: <paramref name="hidden"/> after every hidden layer, <paramref name="output"/> (default identity) after the last.</summary>
    public static Architecture Mlp(IReadOnlyList<int> sizes, Activation hidden, Activation? output = null, string? loss = null) =>
        new(sizes, [.. Enumerable.Range(0, Math.Max(sizes.Count - 1, 0)).Select(i => i == sizes.Count - 2 ? output ?? Activation.Identity : hidden)], loss);

    /// <summary>
    /// The architecture of a stack of <see cref="Dense{T}"/> layers, each optionally followed by one <see cref="BatchNorm1d{T}"/> (affine or not)
    /// (after an identity Dense) and one <see cref="ActivationLayer{T}"/> (folded into the identity Dense before it, or before its
    /// batch norm); <see cref="Dropout{T}"/> layers are left out (they are the identity outside training, so a loaded model predicts
    /// the same but has no dropout). Anything else cannot be saved.
    /// </summary>
    public static Architecture Of<T>(Sequential<T> model, string? loss = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Read from the modules' registered descriptions (the stored vocabulary of the older format), not their CLR types.
        var layers = Layers.Describe(model).Children;
        var sizes = new List<int>();
        var activations = new List<Activation>();
        var batchNorm = new List<BatchNormSpec?>();
        for (int i = 0; i < layers.Count; i++)
        {
            var c = layers[i].Config;
            string? previous = i == 0 ? null : layers[i - 1].Type;
            switch (layers[i].Type)
            {
                case "dense":
                    int inputs = (int)c["inputs"]!, outputs = (int)c["outputs"]!;
                    if (sizes.Count > 0 && sizes[^1] != inputs)
                        throw new ArgumentException($"Layer {i} is {model.Layers[i]}, but the layer before it has {sizes[^1]} outputs.");
                    if (sizes.Count == 0) sizes.Add(inputs);
                    sizes.Add(outputs);
                    activations.Add(Activation.Parse((string)c["activation"]!));
                    batchNorm.Add(null);
                    break;
                case "activation" when activations.Count > 0 && activations[^1].IsIdentity && previous is "dense" or "batch_norm1d":
                    activations[^1] = Activation.Parse((string)c["activation"]!);
                    break;
                case "dropout": // the identity outside training: not part of the saved model
                    break;
                case "batch_norm1d" when previous == "dense" && activations[^1].IsIdentity && (int)c["features"]! == sizes[^1]:
                    batchNorm[^1] = new BatchNormSpec((double)c["eps"]!, (double)c["momentum"]!, (bool)c["affine"]!);
                    break;
                case "batch_norm1d":
                    throw new ArgumentException($"A BatchNorm1d can be saved only right after an identity Dense layer of as many outputs; layer {i} is {model.Layers[i]} after {(i == 0 ? "nothing" : model.Layers[i - 1])}.");
                default:
                    throw new ArgumentException($"Only stacks of Dense layers, each optionally followed by one activation, can be saved; layer {i} is {model.Layers[i]}.");
            }
        }
        if (activations.Count == 0) throw new ArgumentException("The model has no Dense layer to save.");
        return new Architecture(sizes, activations, loss, batchNorm.Any(b => b is not null) ? batchNorm : null);
    }

    /// <summary>The architecture of <paramref name="model"/> as <see cref="Of{T}"/> gives it, or null when the model is not such a stack (a layer norm, a residual block).</summary>
    public static Architecture? TryOf<T>(Sequential<T> model, string? loss = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try { return Of(model, loss); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The batch normalisation after Dense layer <paramref name="k"/> (0-based), or null.</summary>
    public BatchNormSpec? BatchNormAfter(int k) => BatchNorm is { } b && k < b.Count ? b[k] : null;

    /// <summary>Throws unless there are at least two sizes, all positive, and one activation per layer.</summary>
    internal void Validate(string where)
    {
        if (Sizes.Count < 2 || Sizes.Any(s => s < 1) || Activations.Count != Sizes.Count - 1)
            throw new ArgumentException($"{where}: architecture {this} needs two or more positive sizes and one activation per layer.");
        if (BatchNorm is { } b && (b.Count != Activations.Count || b.Any(n => n is not null && (!(n.Eps > 0) || double.IsInfinity(n.Eps) || !(n.Momentum >= 0 && n.Momentum <= 1)))))
            throw new ArgumentException($"{where}: architecture {this} needs one batch norm entry (or null) per layer, each with eps > 0 and momentum in [0, 1].");
    }

    /// <summary>The position of each Dense layer's Linear module in the equivalent PyTorch <c>nn.Sequential</c>: a Linear takes
    /// one index, its BatchNorm1d (if any) the next and its activation the next, except that identity activations take none
    /// (so 4-16-3 relu/identity gives 0 and 2; with batch norm 0 and 3).</summary>
    public IReadOnlyList<int> TorchIndices()
    {
        var indices = new int[Activations.Count];
        for (int k = 0, next = 0; k < indices.Length; k++)
        {
            indices[k] = next;
            next += 1 + (BatchNormAfter(k) is null ? 0 : 1) + (Activations[k].IsIdentity ? 0 : 1);
        }
        return indices;
    }

    /// <summary>
    /// Each parameter's name (<c>layer1.w</c>, as <see cref="Module{T}.NamedParameters"/> gives it) beside its tensor's name in the
    /// model file, which is PyTorch's for the equivalent <c>nn.Sequential</c> (<c>0.weight</c>, stored transposed as [out, in]).
    /// A BatchNorm1d at PyTorch index j is the next <c>layerK</c> (it holds γ and β): <c>layerK.weight</c> → <c>j.weight</c>,
    /// <c>layerK.bias</c> → <c>j.bias</c>, and its state <c>layerK.running_mean</c>, <c>layerK.running_var</c>,
    /// <c>layerK.num_batches_tracked</c> → <c>j.running_mean</c>, <c>j.running_var</c>, <c>j.num_batches_tracked</c>. One without γ and β
    /// (<c>affine=False</c>) has no parameters and takes no <c>layerK</c>: its state is named after the Dense before it, <c>layerK.batchnorm.running_mean</c>.
    /// </summary>
    public IReadOnlyList<(string Parameter, string Tensor)> TensorNames()
    {
        var names = new List<(string, string)>();
        var indices = TorchIndices();
        for (int k = 0, layer = 0; k < indices.Count; k++)
        {
            string dense = $"layer{++layer}", linear = indices[k].ToString(CultureInfo.InvariantCulture);
            names.Add(($"{dense}.w", $"{linear}.weight"));
            names.Add(($"{dense}.b", $"{linear}.bias"));
            if (BatchNormAfter(k) is not { } spec) continue;
            // without γ and β the module has no parameters, so it takes no layerK name: its state is named after the Dense before it
            string norm = spec.Affine ? $"layer{++layer}" : $"{dense}.batchnorm", j = (indices[k] + 1).ToString(CultureInfo.InvariantCulture);
            names.AddRange(spec.TensorNames.Select(e => ($"{norm}.{e}", $"{j}.{e}")));
        }
        return names;
    }

    /// <summary>The entries of a BatchNorm1d's state dict after γ (<c>weight</c>) and β (<c>bias</c>): state, not parameters.</summary>
    public static IReadOnlyList<string> BatchNormState { get; } = ["running_mean", "running_var", "num_batches_tracked"];

    /// <summary>The equivalent PyTorch module list, e.g. <c>Linear(4, 16), ReLU(), Linear(16, 3)</c>.</summary>
    public string TorchModules() => string.Join(", ", Activations.SelectMany((a, k) =>
        new[] { $"Linear({Sizes[k]}, {Sizes[k + 1]})", BatchNormAfter(k)?.Torch(Sizes[k + 1]), a.Info.Torch }.Where(s => s is not null)));

    /// <summary><c>4-16-3 (relu, identity; loss softmax_ce)</c>; a layer with batch norm shows <c>batchnorm relu</c>.</summary>
    public override string ToString() =>
        $"{string.Join("-", Sizes)} ({string.Join(", ", Activations.Select((a, k) => BatchNormAfter(k) is null ? a.ToString() : $"batchnorm {a}"))}{(Loss is null ? "" : $"; loss {Loss}")})";
}

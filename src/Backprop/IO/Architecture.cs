using System.Numerics;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// What a model file needs besides its tensors to rebuild an MLP: the layer sizes [inputs, hidden..., outputs],
/// the activation after each Dense layer, and (optionally) the loss it was trained with.
/// </summary>
/// <param name="Sizes">Layer sizes, inputs first.</param>
/// <param name="Activations">One activation per Dense layer (Sizes.Count − 1 of them).</param>
/// <param name="Loss">The loss name (<see cref="Nn.Loss.Names"/>), or null when unknown.</param>
public sealed record Architecture(IReadOnlyList<int> Sizes, IReadOnlyList<Activation> Activations, string? Loss = null)
{
    /// <summary>An MLP's architecture: <paramref name="hidden"/> after every hidden layer, <paramref name="output"/> (default identity) after the last.</summary>
    public static Architecture Mlp(IReadOnlyList<int> sizes, Activation hidden, Activation? output = null, string? loss = null) =>
        new(sizes, [.. Enumerable.Range(0, Math.Max(sizes.Count - 1, 0)).Select(i => i == sizes.Count - 2 ? output ?? Activation.Identity : hidden)], loss);

    /// <summary>
    /// The architecture of a stack of <see cref="Dense{T}"/> layers, each optionally followed by one <see cref="ActivationLayer{T}"/>
    /// (folded into an identity Dense before it); <see cref="Dropout{T}"/> layers are left out (they are the identity outside
    /// training, so a loaded model predicts the same but has no dropout). Anything else, BatchNorm1d included, cannot be saved.
    /// </summary>
    public static Architecture Of<T>(Sequential<T> model, string? loss = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sizes = new List<int>();
        var activations = new List<Activation>();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            switch (model.Layers[i])
            {
                case Dense<T> d:
                    if (sizes.Count > 0 && sizes[^1] != d.Inputs)
                        throw new ArgumentException($"Layer {i} is {d}, but the layer before it has {sizes[^1]} outputs.");
                    if (sizes.Count == 0) sizes.Add(d.Inputs);
                    sizes.Add(d.Outputs);
                    activations.Add(d.Activation);
                    break;
                case ActivationLayer<T> a when activations.Count > 0 && activations[^1].IsIdentity && model.Layers[i - 1] is Dense<T>:
                    activations[^1] = a.Activation;
                    break;
                case Dropout<T>: // the identity outside training: not part of the saved model
                    break;
                case BatchNorm1d<T> b:
                    throw new ArgumentException($"Models with batch normalisation cannot be saved to a model file yet; layer {i} is {b}.");
                default:
                    throw new ArgumentException($"Only stacks of Dense layers, each optionally followed by one activation, can be saved; layer {i} is {model.Layers[i]}.");
            }
        }
        if (activations.Count == 0) throw new ArgumentException("The model has no Dense layer to save.");
        return new Architecture(sizes, activations, loss);
    }

    /// <summary>Throws unless there are at least two sizes, all positive, and one activation per layer.</summary>
    internal void Validate(string where)
    {
        if (Sizes.Count < 2 || Sizes.Any(s => s < 1) || Activations.Count != Sizes.Count - 1)
            throw new ArgumentException($"{where}: architecture {this} needs two or more positive sizes and one activation per layer.");
    }

    /// <summary>The position of each Dense layer's Linear module in the equivalent PyTorch <c>nn.Sequential</c>: a Linear takes
    /// one index and its activation the next, except that identity activations take none (so 4-16-3 relu/identity gives 0 and 2).</summary>
    public IReadOnlyList<int> TorchIndices()
    {
        var indices = new int[Activations.Count];
        for (int k = 0, next = 0; k < indices.Length; k++)
        {
            indices[k] = next;
            next += Activations[k].IsIdentity ? 1 : 2;
        }
        return indices;
    }

    /// <summary>
    /// Each parameter's name (<c>layer1.w</c>, as <see cref="Module{T}.NamedParameters"/> gives it) beside its tensor's name in the
    /// model file, which is PyTorch's for the equivalent <c>nn.Sequential</c> (<c>0.weight</c>, stored transposed as [out, in]).
    /// </summary>
    public IReadOnlyList<(string Parameter, string Tensor)> TensorNames() =>
        [.. TorchIndices().SelectMany((index, k) => new[] { ($"layer{k + 1}.w", $"{index}.weight"), ($"layer{k + 1}.b", $"{index}.bias") })];

    /// <summary>The equivalent PyTorch module list, e.g. <c>Linear(4, 16), ReLU(), Linear(16, 3)</c>.</summary>
    public string TorchModules() => string.Join(", ", Activations.SelectMany((a, k) =>
        new[] { $"Linear({Sizes[k]}, {Sizes[k + 1]})", a.Info.Torch }.Where(s => s is not null)));

    /// <summary><c>4-16-3 (relu, identity; loss softmax_ce)</c>.</summary>
    public override string ToString() =>
        $"{string.Join("-", Sizes)} ({string.Join(", ", Activations)}{(Loss is null ? "" : $"; loss {Loss}")})";
}

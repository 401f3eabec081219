using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Builds multi-layer perceptrons from a list of layer sizes.</summary>
public static class Mlp
{
    /// <summary>
    /// A stack of <see cref="Dense{T}"/> layers: <paramref name="sizes"/> = [inputs, hidden..., outputs],
    /// <paramref name="hidden"/> after every hidden layer, <paramref name="output"/> (default identity: logits or values) after the last.
    /// Weights (and, for some initialisers, biases) are drawn from <paramref name="seed"/> as <paramref name="init"/> says (null: <see cref="Initializer.Default"/>, by the activation); other biases start at zero. With <paramref name="norm"/> (a registered layer taking <c>features</c>: <c>batch_norm1d</c>,
    /// <c>layer_norm</c>; <paramref name="batchNorm"/> is <c>batch_norm1d</c>) each hidden Dense is followed by that normalisation before its
    /// activation (Dense → norm → activation); with <paramref name="dropout"/> (one probability for every hidden layer, or one per hidden
    /// layer; 0 = none) a <see cref="Dropout{T}"/> follows each hidden activation; with <paramref name="residual"/> each hidden block whose
    /// Dense keeps the width (in = out) is wrapped in a <see cref="Residual{T}"/>: y = x + block(x).
    /// The weights do not depend on these options; the dropout layers' seeds are drawn from <paramref name="seed"/> after them.
    /// </summary>
    /// <exception cref="Errors.BackpropException">More parameters than the <see cref="ParameterBudget"/> (checked before anything is allocated).</exception>
    public static Sequential<T> Create<T>(IReadOnlyList<int> sizes, Activation hidden, Activation? output = null, ulong seed = 0,
        Initializer? init = null, IReadOnlyList<double>? dropout = null, bool batchNorm = false, string? norm = null, bool residual = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sizes.Count < 2) throw new ArgumentException($"An MLP needs at least an input and an output size; got [{string.Join(", ", sizes)}].");
        for (int i = 0; i < sizes.Count; i++)
            if (sizes[i] < 1) throw new ArgumentException($"Layer size {i} is {sizes[i]} in [{string.Join("-", sizes)}]; every size must be at least 1.");
        ParameterBudget.Check(sizes);
        int hiddenLayers = sizes.Count - 2;
        if (dropout is not null && dropout.Count != 1 && dropout.Count != hiddenLayers)
            throw new ArgumentException($"Dropout: {dropout.Count} probabilities for {hiddenLayers} hidden layers in [{string.Join("-", sizes)}]; give one for all or one per hidden layer.");
        if (batchNorm && norm is not null && Layers.Registry.Get(norm).Name != "batch_norm1d")
            throw new ArgumentException($"Both batch norm and norm {norm} asked for; give one normalisation.");
        norm ??= batchNorm ? "batch_norm1d" : null;
        var rng = new Rng(seed);
        var blocks = new List<List<Module<T>>>();
        for (int i = 0; i <= hiddenLayers; i++)
        {
            var act = i == hiddenLayers ? output ?? Activation.Identity : hidden;
            if (i == hiddenLayers || norm is null) { blocks.Add([new Dense<T>(sizes[i], sizes[i + 1], act, rng, init)]); continue; }
            // The Dense layer's weights are drawn as for the activation that follows the normalisation.
            var block = new List<Module<T>> { new Dense<T>(sizes[i], sizes[i + 1], Activation.Identity, rng, (init ?? Initializer.Default).For(act)), Norm<T>(norm, sizes[i + 1]) };
            if (!act.IsIdentity) block.Add(new ActivationLayer<T>(act));
            blocks.Add(block);
        }
        for (int i = 0; dropout is not null && i < hiddenLayers; i++)
        {
            double p = dropout[dropout.Count == 1 ? 0 : i];
            ulong layerSeed = rng.NextUInt64();
            if (p != 0) blocks[i].Add(new Dropout<T>(p, layerSeed));
        }
        return new Sequential<T>([.. blocks.SelectMany((block, i) => residual && i < hiddenLayers && sizes[i] == sizes[i + 1]
            ? [new Residual<T>(new Sequential<T>([.. block]))] : block)]);
    }

    // The registered normalisation layer called name over rows of features values.
    private static Module<T> Norm<T>(string name, int features) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layers.Registry.Create(name, new System.Text.Json.Nodes.JsonObject { ["features"] = features }).Build<T>([]);

    /// <summary>The layer sizes of a model: its inputs, then each layer's width (<see cref="Module{T}.LayerSizes"/>: a Dense's outputs, inside
    /// residual blocks too); empty when the model does not say how many inputs it takes.</summary>
    public static IReadOnlyList<int> Sizes<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
        => model.InputWidth is int inputs ? [inputs, .. model.LayerSizes(inputs)] : [];
}

using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Builds multi-layer perceptrons from a list of layer sizes.</summary>
public static class Mlp
{
    /// <summary>
    /// A stack of <see cref="Dense{T}"/> layers: <paramref name="sizes"/> = [inputs, hidden..., outputs],
    /// <paramref name="hidden"/> after every hidden layer, <paramref name="output"/> (default identity: logits or values) after the last.
    /// Weights are seeded; biases start at zero. With <paramref name="batchNorm"/> each hidden Dense is followed by a
    /// <see cref="BatchNorm1d{T}"/> before its activation (Dense → BatchNorm1d → activation); with <paramref name="dropout"/> (one
    /// probability for every hidden layer, or one per hidden layer; 0 = none) a <see cref="Dropout{T}"/> follows each hidden activation.
    /// The weights do not depend on either option; the dropout layers' seeds are drawn from <paramref name="seed"/> after them.
    /// </summary>
    /// <exception cref="Errors.BackpropException">More parameters than the <see cref="ParameterBudget"/> (checked before anything is allocated).</exception>
    public static Sequential<T> Create<T>(IReadOnlyList<int> sizes, Activation hidden, Activation? output = null, ulong seed = 0,
        Initializer init = Initializer.Default, IReadOnlyList<double>? dropout = null, bool batchNorm = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sizes.Count < 2) throw new ArgumentException($"An MLP needs at least an input and an output size; got [{string.Join(", ", sizes)}].");
        for (int i = 0; i < sizes.Count; i++)
            if (sizes[i] < 1) throw new ArgumentException($"Layer size {i} is {sizes[i]} in [{string.Join("-", sizes)}]; every size must be at least 1.");
        ParameterBudget.Check(sizes);
        int hiddenLayers = sizes.Count - 2;
        if (dropout is not null && dropout.Count != 1 && dropout.Count != hiddenLayers)
            throw new ArgumentException($"Dropout: {dropout.Count} probabilities for {hiddenLayers} hidden layers in [{string.Join("-", sizes)}]; give one for all or one per hidden layer.");
        var rng = new Rng(seed);
        var layers = new List<Module<T>>();
        for (int i = 0; i <= hiddenLayers; i++)
        {
            var act = i == hiddenLayers ? output ?? Activation.Identity : hidden;
            if (i == hiddenLayers || !batchNorm) { layers.Add(new Dense<T>(sizes[i], sizes[i + 1], act, rng, init)); continue; }
            // The Dense layer's weights are drawn as for the activation that follows the normalisation.
            layers.Add(new Dense<T>(sizes[i], sizes[i + 1], Activation.Identity, rng, init == Initializer.Default ? Init.DefaultFor(act) : init));
            layers.Add(new BatchNorm1d<T>(sizes[i + 1]));
            if (!act.IsIdentity) layers.Add(new ActivationLayer<T>(act));
        }
        if (dropout is not null)
            for (int i = 0, at = 0; i < hiddenLayers; i++)
            {
                at = layers.FindIndex(at, l => l is Dense<T>) + 1;
                while (at < layers.Count && layers[at] is BatchNorm1d<T> or ActivationLayer<T>) at++;
                double p = dropout[dropout.Count == 1 ? 0 : i];
                ulong layerSeed = rng.NextUInt64();
                if (p != 0) layers.Insert(at, new Dropout<T>(p, layerSeed));
            }
        return new Sequential<T>([.. layers]);
    }

    /// <summary>The sizes of a stack's <see cref="Dense{T}"/> layers: the first one's inputs, then each one's outputs.</summary>
    public static IReadOnlyList<int> Sizes<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dense = model.Layers.OfType<Dense<T>>().ToList();
        return dense.Count == 0 ? [] : [dense[0].Inputs, .. dense.Select(d => d.Outputs)];
    }
}

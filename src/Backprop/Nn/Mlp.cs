using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Builds multi-layer perceptrons from a list of layer sizes.</summary>
public static class Mlp
{
    /// <summary>
    /// A stack of <see cref="Dense{T}"/> layers: <paramref name="sizes"/> = [inputs, hidden..., outputs],
    /// <paramref name="hidden"/> after every hidden layer, <paramref name="output"/> (default identity: logits or values) after the last.
    /// Weights are seeded; biases start at zero.
    /// </summary>
    public static Sequential<T> Create<T>(IReadOnlyList<int> sizes, Activation hidden, Activation? output = null, ulong seed = 0,
        Initializer init = Initializer.Default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sizes.Count < 2) throw new ArgumentException($"An MLP needs at least an input and an output size; got [{string.Join(", ", sizes)}].");
        for (int i = 0; i < sizes.Count; i++)
            if (sizes[i] < 1) throw new ArgumentException($"Layer size {i} is {sizes[i]} in [{string.Join("-", sizes)}]; every size must be at least 1.");
        var rng = new Rng(seed);
        var layers = new Module<T>[sizes.Count - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            var act = i == layers.Length - 1 ? output ?? Activation.Identity : hidden;
            layers[i] = new Dense<T>(sizes[i], sizes[i + 1], act, rng, init);
        }
        return new Sequential<T>(layers);
    }
}

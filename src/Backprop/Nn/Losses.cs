using Backprop.Registration;

namespace Backprop.Nn;

/// <summary>
/// The losses by name (<c>--loss</c>, the model file's <c>loss</c>, <see cref="Loss.Parse"/>): each built-in is its file plus one line
/// here. Add your own with <c>Losses.Registry.Add(new RegistryEntry&lt;Loss, MyOptions&gt;("my_loss", new(), o =&gt; new MyLoss(o)))</c>; its
/// <see cref="Loss.Name"/> must be the registered name, so that a saved model loads it again.
/// </summary>
public static class Losses
{
    /// <summary>The registry: softmax_ce, bce_logits, mse_half, mse_mean, then any added.</summary>
    public static Registry<Loss> Registry { get; } = Built([CrossEntropy.Entry, BinaryCrossEntropy.Entry, HalfSquaredError.Entry, MeanSquaredError.Entry]);

    private static Registry<Loss> Built(IRegistryEntry<Loss>[] entries)
    {
        var registry = new Registry<Loss>("loss");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}

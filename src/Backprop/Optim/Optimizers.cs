using Backprop.Registration;

namespace Backprop.Optim;

/// <summary>
/// The optimizers by name, each with PyTorch's defaults (<c>momentum</c> and <c>nesterov</c> are SGD with momentum 0.9): the CLI's
/// <c>--optimizer</c>, the playground and the model file's <c>optimizer</c> read <see cref="Registry"/>. A new optimizer adds its file
/// (its <see cref="Optimizer{T}"/>, its <see cref="OptimizerOptions"/> record and an entry) and one line here; a user's optimizer is
/// added with <c>Optimizers.Registry.Add(new RegistryEntry&lt;OptimizerOptions, MyOptions&gt;("my_opt", new(), o =&gt; o))</c>.
/// </summary>
public static class Optimizers
{
    /// <summary>The registry: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, lbfgs, then any added. An entry's item is its options record.</summary>
    public static Registry<OptimizerOptions> Registry { get; } = Built([.. SgdOptions.Entries, AdamOptions.Entry, AdamWOptions.Entry, RmsPropOptions.Entry, AdagradOptions.Entry, LbfgsOptions.Entry]);

    /// <summary>Every name, in the order registered.</summary>
    public static IReadOnlyList<string> Names => [.. Registry.Entries.Select(e => e.Name)];

    /// <summary>The options of the optimizer called <paramref name="name"/>; an <see cref="ArgumentException"/> lists the names when there is none.</summary>
    public static OptimizerOptions Defaults(string name) => Registry.Find(name)?.Create()
        ?? throw new ArgumentException($"No optimizer is called '{name}'; expected one of {Registry.Names}.", nameof(name));

    private static Registry<OptimizerOptions> Built(IRegistryEntry<OptimizerOptions>[] entries)
    {
        var registry = new Registry<OptimizerOptions>("optimizer");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}

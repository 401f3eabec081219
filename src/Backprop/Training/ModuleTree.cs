using System.Numerics;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>The modules of a model, depth first.</summary>
internal static class ModuleTree
{
    /// <summary>Every module below <paramref name="model"/> with its path (<c>layer1</c>, <c>2</c>, ...), the model itself first as "".</summary>
    public static IEnumerable<(string Path, Module<T> Module)> Walk<T>(Module<T> model, string prefix = "") where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return (prefix, model);
        foreach (var (name, child) in model.Children)
            foreach (var inner in Walk(child, prefix.Length == 0 ? name : $"{prefix}.{name}")) yield return inner;
    }
}

using System.Globalization;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// Whether a file's tensors are exactly those of an architecture's PyTorch state dict (names, shapes), and if not a message
/// that says what is missing, what disagrees and what is extra, with the shapes the architecture expects and, where the
/// file's names tell, what to do (batch norm state, a wrapper module's prefix, other layer sizes, modules without parameters
/// shifting the numbering).
/// </summary>
internal static class TorchTensorCheck
{
    /// <summary>One expected tensor: the library's parameter name, the state dict's name and the shape ([out, in] for a weight).</summary>
    public sealed record Expected(string Parameter, string Tensor, long[] Shape);

    /// <summary>The tensors <paramref name="architecture"/> stores, in order, with their shapes.</summary>
    public static IReadOnlyList<Expected> Of(Architecture architecture)
    {
        var shapes = new List<long[]>();
        for (int k = 0; k < architecture.Activations.Count; k++)
        {
            long n = architecture.Sizes[k], m = architecture.Sizes[k + 1];
            shapes.Add([m, n]);
            shapes.Add([m]);
            if (architecture.BatchNormAfter(k) is { } norm) shapes.AddRange(norm.Affine ? [[m], [m], [m], [m], []] : [[m], [m], []]);
        }
        return [.. architecture.TensorNames().Zip(shapes, (name, shape) => new Expected(name.Parameter, name.Tensor, shape))];
    }

    /// <summary>Throws <see cref="BackpropException"/> (bad input, naming <paramref name="path"/>) unless the file holds every expected tensor with its shape, and no other.</summary>
    public static void Check(SafetensorsFile file, Architecture architecture, string path)
    {
        var expected = Of(architecture);
        var known = expected.Select(e => e.Tensor).ToHashSet(StringComparer.Ordinal);
        var extra = file.Tensors.Where(t => !known.Contains(t.Name)).ToList();
        foreach (var e in expected)
        {
            if (file.Find(e.Tensor) is not { } t)
                throw BackpropException.BadInput($"{path}: tensor \"{e.Tensor}\" ({e.Parameter}) is missing; the architecture {architecture} needs it with shape {Shape(e.Shape)}{Layout(e.Shape)}; "
                    + $"the file has {List(file.Tensors, 12)}{Hint(file, extra, architecture)}.");
            if (!t.Shape.SequenceEqual(e.Shape))
                throw BackpropException.BadInput($"{path}: tensor \"{e.Tensor}\" ({e.Parameter}) has shape {Shape(t.Shape)}; the architecture {architecture} needs {Shape(e.Shape)}{Layout(e.Shape)}{Hint(file, extra, architecture)}.");
        }
        if (extra.Count > 0)
            throw BackpropException.BadInput($"{path}: {(extra.Count == 1 ? "tensor" : $"{extra.Count} tensors")} {List(extra, 8)} {(extra.Count == 1 ? "is" : "are")} not part of the model; "
                + $"the architecture {architecture} needs {string.Join(", ", expected.Take(12).Select(e => $"{e.Tensor} {Shape(e.Shape)}"))}{(expected.Count > 12 ? $", ... ({expected.Count} tensors)" : "")}{Hint(file, extra, architecture)}.");
    }

    // What the file's names suggest, as clauses starting with "; ", or nothing: batch norm state, a wrapper's prefix, other layer sizes.
    private static string Hint(SafetensorsFile file, List<SafetensorsTensor> extra, Architecture architecture)
    {
        if (extra.Any(t => Architecture.BatchNormState.Any(s => t.Name.EndsWith("." + s, StringComparison.Ordinal))))
            return architecture.BatchNorm is null
                ? "; running_mean, running_var and num_batches_tracked are a BatchNorm1d's state: if every hidden Linear is followed by BatchNorm1d, "
                  + "import with batch normalisation (--batch-norm), else fold each batch norm into the Linear before it and save again"
                : "; the file's batch normalisation is not after every hidden Linear: fold it into the Linear before it and save again";
        if (extra.Count > 0 && extra.All(t => t.Name.Contains('.', StringComparison.Ordinal)) && extra.Select(t => t.Name[..t.Name.IndexOf('.', StringComparison.Ordinal)]).Distinct().ToList() is [var prefix]
            && !prefix.All(char.IsAsciiDigit))
            return $"; the names start with \"{prefix}.\": save the nn.Sequential's own state_dict (model.{prefix}.state_dict()), whose keys start with the layer index";
        var linears = file.Tensors.Where(t => t.Shape.Count == 2 && t.Name.EndsWith(".weight", StringComparison.Ordinal) && Index(t.Name) is not null)
            .OrderBy(t => Index(t.Name)).ToList();
        bool chained = linears.Count > 0 && linears.Skip(1).Select((t, i) => t.Shape[1] == linears[i].Shape[0]).All(c => c);
        string sizes = chained ? string.Join("-", linears.Select(t => t.Shape[1]).Append(linears[^1].Shape[0])) : "";
        string layers = chained && sizes != string.Join("-", architecture.Sizes) ? $"; the file's Linear weights chain as {sizes} (--layers {sizes})" : "";
        var expected = architecture.TorchIndices();
        bool shifted = chained && linears.Count == expected.Count && !linears.Select(t => Index(t.Name)!.Value).SequenceEqual(expected);
        return shifted
            ? $"{layers}; the file's Linear layers sit at index {string.Join(", ", linears.Select(t => Index(t.Name)))}, the architecture's at {string.Join(", ", expected)}: "
              + "modules without parameters besides the activations (Dropout, Flatten) shift the numbering, so copy the weights into an nn.Sequential of Linear, activation, Linear, ... (or renumber the keys) before saving"
            : layers;
    }

    // The module index a state-dict name starts with (0 for "0.weight"), or null.
    private static int? Index(string name) =>
        int.TryParse(name.AsSpan(0, Math.Max(name.IndexOf('.', StringComparison.Ordinal), 0)), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : null;

    private static string List(IEnumerable<SafetensorsTensor> tensors, int most)
    {
        var all = tensors.ToList();
        return all.Count == 0 ? "no tensors"
            : string.Join(", ", all.Take(most).Select(t => $"\"{t.Name}\" {Shape(t.Shape)}")) + (all.Count > most ? $", ... ({all.Count} tensors)" : "");
    }

    private static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]";

    private static string Layout(long[] shape) => shape.Length == 2 ? " ([out, in])" : "";
}

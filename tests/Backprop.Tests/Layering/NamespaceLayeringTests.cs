using Backprop.Tensors;

namespace Backprop.Tests.Layering;

/// <summary>
/// Dependencies between the namespaces of the <c>Backprop</c> assembly point one way: each namespace of <see cref="Layers"/>
/// references only those before it, so none can form a cycle. Read from the compiled assembly (signatures and method bodies),
/// so a fully-qualified name or a type used only inside a method counts too.
/// </summary>
public class NamespaceLayeringTests
{
    /// <summary>The intended layering, bottom first: Registration and Errors are leaves that depend on nothing.</summary>
    static readonly string[] Layers =
        ["Registration", "Errors", "Kernels", "Tensors", "Autograd", "Ops", "Nn", "Optim", "Data", "Training", "IO", "Onnx", "Diagnostics"];

    /// <summary>References against the layering that remain, each with its reason; keep this list short.</summary>
    static readonly Dictionary<(string From, string To), string> Exceptions = new()
    {
    };

    [Fact]
    public void EachNamespaceReferencesOnlyTheLayersBeforeIt()
    {
        var edges = NamespaceReferences.Of(typeof(Tensor<>).Assembly, "Backprop");
        var unknown = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Except(Layers).ToArray();
        Assert.True(unknown.Length == 0, $"namespaces missing from the layering: {string.Join(", ", unknown)}");
        var upward = edges
            .Where(e => Array.IndexOf(Layers, e.Key.To) > Array.IndexOf(Layers, e.Key.From) && !Exceptions.ContainsKey(e.Key))
            .Select(e => $"{e.Key.From} -> {e.Key.To}: {e.Value}").Order().ToArray();
        Assert.True(upward.Length == 0, $"{upward.Length} references point up the layering:\n{string.Join("\n", upward)}");
    }

    [Fact]
    public void EveryExceptionIsStillNeeded()
    {
        var edges = NamespaceReferences.Of(typeof(Tensor<>).Assembly, "Backprop");
        var stale = Exceptions.Keys.Where(e => !edges.ContainsKey(e)).Select(e => $"{e.From} -> {e.To}").ToArray();
        Assert.True(stale.Length == 0, $"exceptions no longer needed: {string.Join(", ", stale)}");
    }

    [Fact]
    public void TheScanSeesReferencesInsideMethodBodies()
    {
        // Kernels' ParallelTrace appears only inside ComputeOptions' members; Ops.Activate calls Kernels.ActivationLoop in a body
        var edges = NamespaceReferences.Of(typeof(Tensor<>).Assembly, "Backprop");
        Assert.Contains(("Ops", "Kernels"), edges.Keys);
        Assert.Contains(("Training", "Tensors"), edges.Keys);
    }
}

using Backprop.Tensors;

namespace Backprop.Tests.Layering;

/// <summary>
/// Dependencies between the namespaces of the <c>Backprop</c> assembly point one way: each namespace of <see cref="Layers"/>
/// references only those before it, so none can form a cycle. Read from the compiled assembly (signatures and method bodies),
/// so a fully-qualified name or a type used only inside a method counts too.
/// </summary>
public class NamespaceLayeringTests
{
    /// <summary>
    /// The intended layering, bottom first. Registration and Errors are leaves that depend on nothing; Text (printing strings from data inert) next. IO (model files)
    /// sits below Training: <c>Network.Save</c>/<c>Load</c> and checkpoints write and read model files, and IO knows nothing
    /// of training. Diagnostics reads trained models from the top (ONNX export is the Backprop.Onnx package, above this assembly).
    /// </summary>
    static readonly string[] Layers =
        ["Registration", "Errors", "Text", "Kernels", "Tensors", "Autograd", "Ops", "Nn", "Optim", "Data", "Preprocessing", "IO", "Training", "Diagnostics"];

    /// <summary>References against the layering that remain, each with its reason; keep this list short.</summary>
    static readonly Dictionary<(string From, string To), string> Exceptions = new()
    {
        [("Tensors", "Autograd")] = "a tensor is a graph value, as torch.Tensor is: it holds the node that made it (Creator) and starts Backward()",
        [("Tensors", "Ops")] = "a tensor's operators and methods (a * b, x.Sum(), x.MatMul(w)) record the Ops' nodes: the micrograd-style face of the engine",
        [("Data", "Preprocessing")] = "the table reader infers each column's kind and runs the column encoders as it reads, and TabularSchema carries their states",
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
    public void RegistrationAndErrorsAreLeaves()
    {
        var edges = NamespaceReferences.Of(typeof(Tensor<>).Assembly, "Backprop");
        var outgoing = edges.Where(e => e.Key.From is "Registration" or "Errors").Select(e => $"{e.Key.From} -> {e.Key.To}: {e.Value}").ToArray();
        Assert.True(outgoing.Length == 0, string.Join("\n", outgoing));
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
        // Ops' nodes call the kernels inside their bodies (Activate.Apply calls ActivationLoop.Forward); Training builds tensors
        var edges = NamespaceReferences.Of(typeof(Tensor<>).Assembly, "Backprop");
        Assert.Contains(("Ops", "Kernels"), edges.Keys);
        Assert.Contains(("Training", "Tensors"), edges.Keys);
    }
}

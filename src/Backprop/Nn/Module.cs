using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A piece of a network, written once against one contract that every consumer reads (PyTorch's <c>nn.Module</c>, Keras's
/// <c>get_config</c>): it owns <b>parameters</b> (trained) and <b>buffers</b> (state that is not trained, such as batch norm's running
/// statistics) and child modules; it maps an input batch to an output; it says how it runs forward and backward over buffers allocated
/// once (<see cref="CreateStep"/>, which the autograd path wraps as one graph node, so a layer's math exists once); it describes itself
/// by a registered type name and a settings record (<see cref="Config"/>, see <see cref="Layers"/>); its state has PyTorch's names
/// (<see cref="StateDict"/>); and it may have faces for ONNX (<see cref="WriteOnnx"/>). A consumer meeting a module without a face says
/// so by the module's name. Train/eval mode is set on the whole tree.
/// </summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Maps a batch [N, features] to the module's output.</summary>
    public abstract Tensor<T> Forward(Tensor<T> x);

    /// <summary>This module's own parameters, by local name (not its children's).</summary>
    protected virtual IEnumerable<(string Name, Tensor<T> Value)> OwnParameters => [];

    /// <summary>This module's own buffers (state that is not trained), by PyTorch's local name (<c>running_mean</c>).</summary>
    protected virtual IEnumerable<(string Name, Tensor<T> Value)> OwnBuffers => [];

    /// <summary>This module's own entries of the state dict, by PyTorch's local names and layouts: by default its parameters, then its buffers, as they are.</summary>
    protected virtual IEnumerable<StateEntry> OwnState =>
        OwnParameters.Select(p => (StateEntry)new TensorState<T>(p.Name, p.Value))
            .Concat(OwnBuffers.Select(b => new TensorState<T>(b.Name, b.Value, IsBuffer: true)));

    /// <summary>The direct children, by local name.</summary>
    public virtual IEnumerable<(string Name, Module<T> Module)> Children => [];

    /// <summary>The direct children by their names in PyTorch's state dict (a container's index in the equivalent <c>nn.Sequential</c>); by default as <see cref="Children"/>.</summary>
    protected virtual IEnumerable<(string Name, Module<T> Module)> StateChildren => Children;

    /// <summary>Every parameter of this module and its descendants, named by path (<c>layer1.w</c>, <c>layer2.b</c>; see <see cref="Sequential{T}"/>).</summary>
    public IEnumerable<(string Name, Tensor<T> Value)> NamedParameters()
    {
        foreach (var p in OwnParameters) yield return p;
        foreach (var (childName, child) in Children)
            foreach (var (name, value) in child.NamedParameters())
                yield return ($"{childName}.{name}", value);
    }

    /// <summary>Every buffer of this module and its descendants, named by path as <see cref="NamedParameters"/> names parameters.</summary>
    public IEnumerable<(string Name, Tensor<T> Value)> NamedBuffers()
    {
        foreach (var b in OwnBuffers) yield return b;
        foreach (var (childName, child) in Children)
            foreach (var (name, value) in child.NamedBuffers())
                yield return ($"{childName}.{name}", value);
    }

    /// <summary>
    /// The state dict: every parameter, buffer and counter of this module and its descendants by PyTorch's names for the equivalent
    /// module (<c>0.weight</c>, <c>1.running_mean</c>), what model files and checkpoints store.
    /// </summary>
    public IEnumerable<(string Name, StateEntry Entry)> StateDict()
    {
        foreach (var e in OwnState) yield return (e.Name, e);
        foreach (var (childName, child) in StateChildren)
            foreach (var (name, entry) in child.StateDict())
                yield return ($"{childName}.{name}", entry);
    }

    /// <summary>The state dict with the library's name of each entry beside PyTorch's: (<c>0.weight</c>, <c>layer1.w</c>), (<c>1.num_batches_tracked</c>, <c>layer2.num_batches_tracked</c>).</summary>
    public IEnumerable<(string Name, string LibraryName, StateEntry Entry)> StateDictWithLibraryNames()
    {
        var local = OwnParameters.Concat(OwnBuffers).ToDictionary(p => (object)p.Value, p => p.Name, ReferenceEqualityComparer.Instance);
        foreach (var e in OwnState)
            yield return (e.Name, e is TensorState<T> t && local.TryGetValue(t.Value, out var n) ? n : e.Name, e);
        var ours = Children.ToDictionary(c => (object)c.Module, c => c.Name, ReferenceEqualityComparer.Instance);
        foreach (var (childName, child) in StateChildren)
            foreach (var (name, libraryName, entry) in child.StateDictWithLibraryNames())
                yield return ($"{childName}.{name}", $"{ours[child]}.{libraryName}", entry);
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor<T>> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount => Parameters().Sum(p => p.Length);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Switches this module and its children to training mode (or evaluation mode when false).</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in Children) child.Train(training);
    }

    /// <summary>Switches to evaluation mode.</summary>
    public void Eval() => Train(false);

    /// <summary>Shorthand for <see cref="Forward"/>.</summary>
    public Tensor<T> this[Tensor<T> x] => Forward(x);

    /// <summary>The width of the rows it takes, or null when it takes any width (an elementwise layer, an empty container).</summary>
    public virtual int? InputWidth => null;

    /// <summary>The width of the rows it gives for rows of <paramref name="inputs"/> values (by default the same: an elementwise layer).</summary>
    public virtual int OutputWidth(int inputs) => inputs;

    /// <summary>The widths its layers give, in order, that make a network's layer sizes (4-64-3): a Dense its outputs, a container its
    /// children's, an elementwise layer none; for rows of <paramref name="inputs"/> values.</summary>
    public virtual IEnumerable<int> LayerSizes(int inputs) => [];

    /// <summary>
    /// The step that runs this module forward and backward for rows of <paramref name="inputs"/> values, at most <paramref name="maxRows"/>
    /// at a time, over buffers allocated once; null when it has none (it then trains through its own autograd <see cref="Forward"/>).
    /// </summary>
    public virtual LayerStep<T>? CreateStep(int inputs, int maxRows) => null;

    /// <summary>Its registered type and settings (see <see cref="Layers"/>), or null when it has none (it cannot be saved).</summary>
    public virtual ModuleConfig? Config => null;

    /// <summary>How many modules it is in the equivalent PyTorch <c>nn.Sequential</c> (a Dense with an activation is two, Linear and
    /// the activation; an identity activation none): where the next module's state names start.</summary>
    public virtual int TorchModules => 1;

    /// <summary>The equivalent PyTorch modules, e.g. <c>Linear(4, 16)</c>, <c>ReLU()</c>, for rows of <paramref name="inputs"/> values.</summary>
    public virtual IEnumerable<string> Torch(int inputs) => [ToString() ?? GetType().Name];

    /// <summary>True when, in training mode, its output for a row depends on more than that row and the parameters (a batch norm's batch
    /// statistics, dropout's fresh mask), so predicting must switch to evaluation mode.</summary>
    public virtual bool DependsOnTheBatch => false;

    /// <summary>The random generator this module draws from in training (dropout's masks), whose state a checkpoint saves so that a
    /// resumed run draws what the uninterrupted one would; null when it draws nothing.</summary>
    public virtual Rng? Generator => null;

    /// <summary>Adds the ONNX nodes (opset 17, evaluation mode) computing this module from the value named <paramref name="x"/> and
    /// returns the output's name; null when it has no ONNX form.</summary>
    public virtual string? WriteOnnx(IOnnxGraph graph, string x) => null;

    /// <summary>The explain face: computes this module on <paramref name="x"/> with its own kernels (in the autograd graph), writing its forward
    /// stages and the values whose gradients <c>explain</c> prints into <paramref name="trace"/>, and returns the output; null when it has no face.</summary>
    public virtual Tensor<T>? Explain(Tensor<T> x, ExplainTrace<T> trace) => null;
}

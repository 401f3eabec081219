using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A skip connection around a block of equal width: y = x + f(x). Backward: dL/dx = dL/dy + dL/dy·∂f/∂x (the two paths sum), and the
/// block's parameters get their gradients from dL/dy. In the state dict the block is <c>block</c> (<c>2.block.0.weight</c>); in ONNX an <c>Add</c>.
/// </summary>
public sealed class Residual<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = x + <paramref name="block"/>(x).</summary>
    public Residual(Module<T> block) => Block = block ?? throw new ArgumentNullException(nameof(block));

    /// <summary>f, the block the skip goes around.</summary>
    public Module<T> Block { get; }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module<T> Module)> Children => [("block", Block)];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => LayerOp<T>.TryApply(this, x) ?? x + Block.Forward(x); // the graph's Add when the block has no step

    /// <inheritdoc/>
    public override int? InputWidth => Block.InputWidth;

    /// <inheritdoc/>
    public override int OutputWidth(int inputs) => inputs;

    /// <inheritdoc/>
    public override IEnumerable<int> LayerSizes(int inputs) => Block.LayerSizes(inputs);

    /// <inheritdoc/>
    public override LayerStep<T>? CreateStep(int inputs, int maxRows)
    {
        if (Block.OutputWidth(inputs) is var outputs && outputs != inputs)
            throw new ArgumentException($"{this}: the block maps [N, {inputs}] to [N, {outputs}]; y = x + f(x) needs equal widths.");
        return Block.CreateStep(inputs, maxRows) is { } block ? new Step(block, maxRows) : null;
    }

    /// <inheritdoc/>
    public override ModuleConfig Config => new ResidualConfig();

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) => [$"Residual({string.Join(", ", Block.Torch(inputs))})"];

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) =>
        graph.Node("Add", [x, Block.WriteOnnx(graph, x) ?? throw new NotSupportedException($"{Block} has no ONNX form")]);

    /// <summary>Explain face: f(x) through the block's faces, then y = x + f(x); backward dL/dy and dL/dx = dL/dy + dL/dy·∂f/∂x (the
    /// two paths summed by the autograd graph).</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var f = trace.Run("block", Block, x);
        var y = x + f;
        trace.Forward("y", "y = x + f(x)", y);
        trace.Backward("dL/dy", "dL/dy", y, @"\partial L/\partial y");
        trace.Backward("dL/dx", "dL/dx = dL/dy + dL/dy·∂f/∂x", x, @"\partial L/\partial x = \partial L/\partial y + \partial L/\partial y \, \partial f/\partial x");
        trace.Jacobian("y = x + f(x): ∂y[j]/∂x[j] = 1 along the skip, ∂y[j]/∂f[j] = 1 from the block (whose own paths lead from x to f)");
        return y;
    }

    /// <summary><c>Residual(Sequential(...))</c>.</summary>
    public override string ToString() => $"Residual({Block})";

    // y = x + f(x) over the block's step; dx = dy + f's dx.
    private sealed class Step(LayerStep<T> block, int maxRows) : LayerStep<T>(block.Inputs, block.Outputs, maxRows)
    {
        private readonly T[] _y = new T[maxRows * block.Outputs];
        private T[]? _blockDx;

        public override Span<T> Output => _y;

        public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
        {
            int length = rows * Outputs;
            block.Forward(x, rows, training);
            TensorPrimitives.Add(x[..length], block.Output[..length], _y.AsSpan(0, length));
        }

        public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
        {
            int length = rows * Outputs;
            if (dx.IsEmpty) { block.Backward(x, dy, default, rows); return; }
            dy[..length].CopyTo(dx);                                    // the skip's path, before the block may overwrite dy
            var blockDx = (_blockDx ??= new T[MaxRows * Inputs]).AsSpan(0, length);
            block.Backward(x, dy, blockDx, rows);
            TensorPrimitives.Add(dx[..length], blockDx, dx[..length]); // the paths sum
        }
    }
}

/// <summary>A <see cref="Residual{T}"/>'s settings: none; its one child is the block.</summary>
public sealed record ResidualConfig : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => children.Count == 1 ? new Residual<T>(children[0])
        : throw new ArgumentException($"A residual needs exactly one child (its block); got {children.Count}.");
}

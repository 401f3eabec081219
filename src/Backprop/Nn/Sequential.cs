using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Modules applied one after another. A child that holds parameters is named <c>layer1</c>, <c>layer2</c>, ... (counting only
/// such children, as W1, W2 are counted in the math), so its parameters are <c>layer1.w</c>, <c>layer1.b</c> whether the
/// activations are inside the Dense layers or separate layers; a child without parameters (an activation layer) is named by its position.
/// In the state dict a child is named by its index in the equivalent PyTorch <c>nn.Sequential</c> (<see cref="Module{T}.TorchModules"/>).
/// </summary>
public sealed class Sequential<T>(params Module<T>[] layers) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module<T>> Layers { get; } = layers;

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module<T> Module)> Children
    {
        get
        {
            int layer = 0;
            for (int i = 0; i < Layers.Count; i++)
                yield return (Layers[i].Parameters().Any() ? $"layer{++layer}" : i.ToString(System.Globalization.CultureInfo.InvariantCulture), Layers[i]);
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Module<T> Module)> StateChildren
    {
        get
        {
            int index = 0;
            foreach (var layer in Layers)
            {
                yield return (index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
                index += layer.TorchModules;
            }
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x)
    {
        foreach (var layer in Layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>Explain face: each layer in turn through its own face.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        foreach (var (name, layer) in Children) x = trace.Run(name, layer, x);
        return x;
    }

    /// <inheritdoc/>
    public override int? InputWidth => Layers.Select(l => l.InputWidth).FirstOrDefault(w => w is not null);

    /// <inheritdoc/>
    public override int OutputWidth(int inputs) => Layers.Aggregate(inputs, (width, layer) => layer.OutputWidth(width));

    /// <inheritdoc/>
    public override IEnumerable<int> LayerSizes(int inputs)
    {
        var sizes = new List<int>();
        foreach (var layer in Layers) { sizes.AddRange(layer.LayerSizes(inputs)); inputs = layer.OutputWidth(inputs); }
        return sizes;
    }

    /// <inheritdoc/>
    public override LayerStep<T>? CreateStep(int inputs, int maxRows) => SequenceStep<T>.Create(Layers, inputs, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new SequentialConfig();

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs)
    {
        var modules = new List<string>();
        foreach (var layer in Layers) { modules.AddRange(layer.Torch(inputs)); inputs = layer.OutputWidth(inputs); }
        return [$"Sequential({string.Join(", ", modules)})"];
    }

    /// <inheritdoc/>
    public override string? WriteOnnx(IOnnxGraph graph, string x)
    {
        for (int i = 0; i < Layers.Count; i++)
        {
            try { x = Layers[i].WriteOnnx(graph, x) ?? throw new NotSupportedException($"it has no ONNX form; give {Layers[i].GetType().Name} a WriteOnnx"); }
            catch (NotSupportedException e) { throw new NotSupportedException($"layer {i} ({Layers[i]}): {e.Message}", e); }
        }
        return x;
    }

    /// <summary>One layer per line.</summary>
    public override string ToString() => "Sequential(" + string.Join(", ", Layers) + ")";
}

/// <summary>A <see cref="Sequential{T}"/>'s settings: none (its children are the model file's <c>children</c>).</summary>
public sealed record SequentialConfig : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new Sequential<T>([.. children]);
}

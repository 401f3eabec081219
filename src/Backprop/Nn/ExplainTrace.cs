using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>One value <c>explain</c> prints for the rows explained: its name (<c>z</c>, <c>x̂</c>, <c>dL/dz</c>), its formula as explain writes
/// it (text and LaTeX), and the numbers the engine computed.</summary>
/// <param name="Name">The value's name, e.g. <c>x̂</c>.</param>
/// <param name="Formula">Its formula on the terminal, e.g. <c>x̂ = (x − mean(x))/√(var(x) + ε)</c>.</param>
/// <param name="Latex">The same formula in LaTeX.</param>
/// <param name="Value">The numbers, [rows, width] (a parameter's gradient in the parameter's shape).</param>
/// <param name="Parameter">For a parameter's gradient, the parameter's name by path (<c>layer3.block.layer1.w</c>); else null.</param>
public sealed record ExplainedValue(string Name, string Formula, string Latex, Tensor<double> Value, string? Parameter = null);

/// <summary>One module's part of an explanation: where it sits (<c>layer3.block.layer2</c>), what it is (<c>LayerNorm(8)</c>), its forward values,
/// its backward values (empty without a loss), and a note (a module without an explain face is shown by its name with one).</summary>
/// <param name="Path">The module's path by the library's names of children (parameters are named <c>Path.w</c>).</param>
/// <param name="Module">The module's description.</param>
/// <param name="Forward">Its forward stages, in order.</param>
/// <param name="Backward">Its backward stages, in order.</param>
/// <param name="Note">What the walk-through says about it beyond its numbers, or null.</param>
public sealed record ExplainedModule(string Path, string Module, IReadOnlyList<ExplainedValue> Forward, IReadOnlyList<ExplainedValue> Backward, string? Note);

/// <summary>
/// What a module writes its explanation into (its explain face, <see cref="Module{T}.Explain"/>): the forward values it computes with its own
/// kernels, and the values whose gradients the walk-through reads after the loss's backward pass (the autograd graph's, never a second
/// implementation). A container runs its children through <see cref="Run"/>. Modules are listed after their children (a residual's
/// y = x + f(x) after f's stages).
/// </summary>
public sealed class ExplainTrace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Pending> _done;
    private readonly List<(string Name, string Formula, string Latex, Tensor<T> Value)> _forward = [];
    private readonly List<(string Name, string Formula, string Latex, Tensor<T> Of, string? Parameter)> _backward = [];
    private readonly Module<T> _module;
    private string? _note, _jacobian;
    private int _children;

    private ExplainTrace(string path, Module<T> module, List<Pending> done)
    {
        Path = path; _module = module; _done = done;
    }

    /// <summary>The module's path (empty for the root).</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="model"/> on <paramref name="x"/> through its explain face, recording every module on the way; returns
    /// the output (in the autograd graph when <paramref name="x"/> or the parameters require gradients) and the recorder that gives the
    /// explanation after the backward pass.</summary>
    public static (Tensor<T> Output, Func<bool, IReadOnlyList<ExplainedModule>> Explained) Start(Module<T> model, Tensor<T> x)
    {
        var (output, explained, _) = Traced(model, x);
        return (output, explained);
    }

    /// <summary>As <see cref="Start"/>, and every module run with its input and output tensors (children before their container), which
    /// <c>--paths</c> walks.</summary>
    internal static (Tensor<T> Output, Func<bool, IReadOnlyList<ExplainedModule>> Explained, IReadOnlyList<TracedModule<T>> Modules) Traced(Module<T> model, Tensor<T> x)
    {
        var done = new List<Pending>();
        var output = new ExplainTrace<T>("", model, done).Through(model, x);
        return (output, backward => [.. done.Select(p => p.Materialise(backward)).Where(m => m.Forward.Count + m.Backward.Count > 0 || m.Note is not null)],
            [.. done.Select(p => new TracedModule<T>(p.Trace.Path, p.Trace._module, p.X, p.Y, p.Trace._children == 0, p.Trace._jacobian))]);
    }

    /// <summary>Runs the child <paramref name="child"/> (named <paramref name="name"/>) on <paramref name="x"/> through its explain face; a
    /// child without one runs its <see cref="Module{T}.Forward"/> and is shown by its name with a note.</summary>
    public Tensor<T> Run(string name, Module<T> child, Tensor<T> x)
    {
        _children++;
        return new ExplainTrace<T>(Path.Length == 0 ? name : $"{Path}.{name}", child, _done).Through(child, x);
    }

    /// <summary>Records a forward value: <paramref name="value"/> named <paramref name="name"/>, computed as <paramref name="formula"/>.</summary>
    public void Forward(string name, string formula, Tensor<T> value, string? latex = null) => _forward.Add((name, formula, latex ?? formula, value));

    /// <summary>Records the gradient of the loss with respect to <paramref name="of"/> (read after the backward pass), named <paramref name="name"/>.</summary>
    public void Backward(string name, string formula, Tensor<T> of, string? latex = null) => _backward.Add((name, formula, latex ?? formula, of, null));

    /// <summary>Records the gradient of this module's own parameter <paramref name="parameter"/> (by its local name, <c>w</c>), read after the backward pass.</summary>
    public void Gradient(string name, string formula, string parameter, string? latex = null)
    {
        var value = _module.NamedParameters().First(p => p.Name == parameter).Value;
        _backward.Add((name, formula, latex ?? formula, value, Path.Length == 0 ? parameter : $"{Path}.{parameter}"));
    }

    /// <summary>Records the formula of this module's local derivative (a Jacobian entry ∂y[j]/∂x[i] and ∂y[j]/∂θ), which <c>--paths</c> prints
    /// beside the numbers it takes from the module's own backward.</summary>
    public void Jacobian(string formula) => _jacobian = formula;

    /// <summary>Adds a note (what the walk-through leaves out and why).</summary>
    public void Note(string text) => _note = _note is null ? text : $"{_note}; {text}";

    // The module's input is a view of its own (an identity node when gradients are recorded), so its dL/dx is what flows back through
    // this module alone, not the sum over every module reading the same value (a residual's skip and its block).
    private Tensor<T> Through(Module<T> module, Tensor<T> x)
    {
        if (x.RequiresGrad && Autograd.GradMode.IsEnabled) x = x.Reshape(x.Shape.ToArray());
        var y = module.Explain(x, this);
        if (y is null)
        {
            Note($"{module}: no explain face");
            y = module.Forward(x);
            Forward("y", $"y = {module}(x)", y);
            Backward("dL/dy", "dL/dy", y);
            foreach (var (name, _) in module.NamedParameters()) Gradient($"dL/d{name}", $"dL/d{name}", name);
            Backward("dL/dx", "dL/dx", x);
        }
        _done.Add(new Pending(this, x, y));
        return y;
    }

    private static Tensor<double> ToDouble(Tensor<T> t) => new(t.Shape, [.. t.ToArray().Select(double.CreateTruncating)]);

    private sealed record Pending(ExplainTrace<T> Trace, Tensor<T> X, Tensor<T> Y)
    {
        public ExplainedModule Materialise(bool backward) => new(Trace.Path, Trace._module.ToString() ?? Trace._module.GetType().Name,
            [.. Trace._forward.Select(f => new ExplainedValue(f.Name, f.Formula, f.Latex, ToDouble(f.Value)))],
            [.. Trace._backward.Where(b => backward && b.Of.Grad is not null).Select(b => new ExplainedValue(b.Name, b.Formula, b.Latex, ToDouble(b.Of.Grad!), b.Parameter))],
            Trace._note);
    }
}

/// <summary>One module as the explain trace ran it: its path, the module, its input (its own view) and output tensors, whether it ran no child
/// through the trace (a leaf), and the formula of its local derivative its face gave, if any.</summary>
internal sealed record TracedModule<T>(string Path, Module<T> Module, Tensor<T> X, Tensor<T> Y, bool Leaf, string? Jacobian)
    where T : unmanaged, IFloatingPointIeee754<T>;

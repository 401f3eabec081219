using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.Diagnostics;

/// <summary>One factor of a chain-rule path: a local derivative, its name and its value.</summary>
public sealed record PathFactor(string Label, double Value);

/// <summary>One path from a parameter to the loss: the product of its local derivatives.</summary>
public sealed record ChainPath(int Example, IReadOnlyList<PathFactor> Factors)
{
    /// <summary>The product of the factors: this path's share of the gradient.</summary>
    public double Product => Factors.Aggregate(1.0, (p, f) => p * f.Value);
}

/// <summary>Every path by which one parameter reaches the loss; their sum is the gradient (the multi-path rule).</summary>
/// <param name="Parameter">The parameter, as written: <c>layer1.w[0,1]</c> or <c>layer2.b[0]</c>.</param>
/// <param name="Paths">Each path, per example of the batch.</param>
/// <param name="Autodiff">The engine's gradient for that parameter.</param>
public sealed record ChainPaths(string Parameter, IReadOnlyList<ChainPath> Paths, double Autodiff)
{
    /// <summary>The sum over paths.</summary>
    public double Sum => Paths.Sum(p => p.Product);

    /// <summary>For a network of modules: each module the values are named by, with the formula of its local derivative (empty for Dense layers, whose factors carry their formulas).</summary>
    public IReadOnlyList<string> Legend { get; init; } = [];

    /// <summary>What the listing leaves out and why, or null.</summary>
    public string? Note { get; init; }

    /// <summary>The most paths <see cref="Find"/> lists before refusing.</summary>
    public const int MaxPaths = 10000;

    /// <summary>The most factors, over all paths, <see cref="Find"/> lists before refusing (a path through L layers has about 2L).</summary>
    public const long MaxFactors = 2_000_000;

    /// <summary>Lists every path from <paramref name="parameter"/> to the loss: <c>layerL.w[i,j]</c> or <c>layerL.b[j]</c> of a Dense layer,
    /// <c>layerL.weight[j]</c> (γ) or <c>layerL.bias[j]</c> (β) of a batch norm, L numbered from 1 as the model names its parameters; for a
    /// spec of modules any parameter by its name and index (<c>layer3.block.layer1.w[0,1]</c>), through every module's local derivatives.</summary>
    public static ChainPaths Find(StepExplanation step, string parameter)
    {
        if (step.Traced is { } traced)
            return new ModulePaths<double>(traced.Modules, traced.Output, traced.Model, step.Updates!.ToDictionary(u => u.Name, u => u.Gradient.ToArray())).Find(parameter);
        // At most 9 digits each, so every number parses as an int.
        var match = Regex.Match(parameter.Trim(), @"^layer(\d{1,9})\.(w)\[(\d{1,9}),\s*(\d{1,9})\]$|^layer(\d{1,9})\.(b|weight|bias)\[(\d{1,9})\]$");
        if (!match.Success) throw BackpropException.BadSetting($"--paths: '{parameter}' is not a parameter; write layerL.w[i,j] or layerL.b[j]{(Norms(step).Any() ? " (layerL.weight[j] or layerL.bias[j] for a batch norm's γ or β)" : "")}, layers counted from 1; {Names(step)}.");
        bool weight = match.Groups[2].Success;
        string kind = weight ? "w" : match.Groups[6].Value;
        int layer = int.Parse(match.Groups[weight ? 1 : 5].Value, CultureInfo.InvariantCulture);
        int position = kind is "w" or "b" ? Position(step, l => l.Index == layer) : Position(step, l => l.Norm?.Index == layer);
        int layers = step.Layers[^1].Norm?.Index ?? step.Layers[^1].Index;
        if (layer < 1 || layer > layers) throw BackpropException.BadSetting($"--paths: {parameter}: layer {layer} does not exist (layers 1..{layers}); {Names(step)}.");
        if (position < 0)
            throw BackpropException.BadSetting($"--paths: {parameter}: layer {layer} has no {kind} ({(kind is "w" or "b" ? "it is a batch norm, whose γ and β are weight and bias" : "γ and β belong to batch-norm layers")}); {Names(step)}.");
        var l = step.Layers[position];
        int i = weight ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        int j = int.Parse(match.Groups[weight ? 4 : 7].Value, CultureInfo.InvariantCulture);
        if (weight && i >= l.W.Shape[0]) throw BackpropException.BadSetting($"--paths: {parameter}: row {i} is out of range; layer{layer}.w is [{l.W.Shape[0]}, {l.W.Shape[1]}]; {Names(step)}.");
        if (j >= l.W.Shape[1]) throw BackpropException.BadSetting($"--paths: {parameter}: unit {j} is out of range; layer{layer} has {l.W.Shape[1]} {(kind is "w" or "b" ? "outputs" : "features")}; {Names(step)}.");

        var paths = new List<ChainPath>();
        int n = l.Z.Shape[0];
        long factors = 0;
        for (int r = 0; r < n; r++)
        {
            var (first, node) = kind switch
            {
                "w" => (new PathFactor($"∂z{layer}[{j}]/∂w{layer}[{i},{j}] = {(position == 0 ? "x" : $"a{layer - 1}")}[{i}]", l.Input[r, i]), Node.Z),
                "b" => (new PathFactor($"∂z{layer}[{j}]/∂b{layer}[{j}] = 1", 1), Node.Z),
                "weight" => (new PathFactor($"∂z{layer}[{j}]/∂γ{layer}[{j}] = x̂{layer}[{j}]", l.Norm!.XHat[r, j]), Node.Y),
                _ => (new PathFactor($"∂z{layer}[{j}]/∂β{layer}[{j}] = 1", 1), Node.Y),
            };
            Walk(step, position, node, j, r, first, paths, ref factors);
        }
        double autodiff = kind switch { "w" => l.DW[i, j], "b" => l.DB[j], "weight" => l.Norm!.DGamma![j], _ => l.Norm!.DBeta![j] };
        return new ChainPaths(parameter.Trim(), paths, autodiff);
    }

    /// <summary>The parameters <see cref="Find"/> takes, as ranges: <c>the parameters are layer1.w[0..1,0..2], layer1.b[0..2], ...</c>
    /// (a batch norm's γ and β as <c>layer2.weight[0..2], layer2.bias[0..2]</c>).</summary>
    public static string Names(StepExplanation step) => "the parameters are " + string.Join(", ", step.Layers.SelectMany(l => new[]
    {
        $"layer{l.Index}.w[0..{l.W.Shape[0] - 1},0..{l.W.Shape[1] - 1}]", $"layer{l.Index}.b[0..{l.W.Shape[1] - 1}]",
    }.Concat(l.Norm is { } norm ? [$"layer{norm.Index}.weight[0..{l.W.Shape[1] - 1}]", $"layer{norm.Index}.bias[0..{l.W.Shape[1] - 1}]"] : [])));

    private static IEnumerable<BatchNormStep> Norms(StepExplanation step) => step.Layers.Select(l => l.Norm).OfType<BatchNormStep>();

    private static int Position(StepExplanation step, Func<LayerStep, bool> which)
    {
        for (int p = 0; p < step.Layers.Count; p++) if (which(step.Layers[p])) return p;
        return -1;
    }

    // Where a step of the walk arrives: at z of (layer, unit), at the batch norm's output y of (layer, unit), at a of (layer, unit), or at
    // the loss (the path is complete).
    private enum Node { Z, Y, A, Loss }

    // One edge still to follow: cut the path back to Depth factors, append Factor, then go on from Node (Layer, Unit); Layer is a position from 1.
    private readonly record struct Edge(int Depth, PathFactor Factor, Node Node, int Layer, int Unit);

    // Every path from z (or y) of (layer at position, unit) in example r to the loss, depth first with an explicit stack (a network may
    // have thousands of layers): through the batch norm to y, through the activation to a, then along every weight of the next layer.
    private static void Walk(StepExplanation step, int position, Node start, int unit, int r, PathFactor first, List<ChainPath> paths, ref long factors)
    {
        var path = new List<PathFactor>();
        var stack = new Stack<Edge>();
        stack.Push(new Edge(0, first, start, position + 1, unit));
        var children = new List<Edge>();
        while (stack.TryPop(out var e))
        {
            path.RemoveRange(e.Depth, path.Count - e.Depth);
            path.Add(e.Factor);
            if (e.Node == Node.Loss)
            {
                factors += path.Count;
                if (paths.Count == MaxPaths || factors > MaxFactors)
                    throw BackpropException.BadSetting($"--paths: more than {MaxPaths} paths or {MaxFactors} factors lead to the loss; choose a smaller network.");
                paths.Add(new ChainPath(r, [.. path]));
                continue;
            }
            children.Clear();
            Expand(step, e, path.Count, r, children);
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]); // the first child is walked first
        }
    }

    // The edges out of a z, y or a node, in order. Names carry the model's layer numbers: z{K} of Dense layer K, then (with a batch norm,
    // layer K + 1) its output z{K+1}, and a of the last of them.
    private static void Expand(StepExplanation step, Edge e, int depth, int r, List<Edge> children)
    {
        var l = step.Layers[e.Layer - 1];
        bool last = e.Layer == step.Layers.Count;
        int k = l.Index, o = l.Norm?.Index ?? k;
        if (e.Node == Node.Z && l.Norm is { } norm)
            children.Add(new Edge(depth, new PathFactor($"∂z{o}[{e.Unit}]/∂z{k}[{e.Unit}] = γ{o}[{e.Unit}]/√(var{o}[{e.Unit}] + ε)", norm.Slope[e.Unit]), Node.Y, e.Layer, e.Unit));
        else if (last && l.ActivationInLoss)
            children.Add(new Edge(depth, new PathFactor($"∂L/∂z{o}[{e.Unit}] = {LossDelta(step.Spec.Loss)}", (l.Norm?.DY ?? l.DZ)[r, e.Unit]), Node.Loss, e.Layer, e.Unit));
        else if (e.Node is Node.Z or Node.Y)
            foreach (var (q, slope) in ActivationEdges(l, e.Unit, r))
                children.Add(new Edge(depth, new PathFactor($"∂a{o}[{q}]/∂z{o}[{e.Unit}] = {l.Activation.Info.Derivative}", slope), Node.A, e.Layer, q));
        else if (last)
            children.Add(new Edge(depth, new PathFactor($"∂L/∂a{o}[{e.Unit}]", l.DA![r, e.Unit]), Node.Loss, e.Layer, e.Unit));
        else
        {
            var next = step.Layers[e.Layer];
            for (int q = 0; q < next.W.Shape[1]; q++)
                children.Add(new Edge(depth, new PathFactor($"∂z{next.Index}[{q}]/∂a{o}[{e.Unit}] = w{next.Index}[{e.Unit},{q}]", next.W[e.Unit, q]), Node.Z, e.Layer + 1, q));
        }
    }

    // The units a[q] that z[unit] feeds, with ∂a[q]/∂z[unit]: only q = unit for an elementwise activation; every q for softmax.
    private static IEnumerable<(int Q, double Slope)> ActivationEdges(LayerStep l, int unit, int r)
    {
        if (l.Activation is ElementwiseActivation f)
        {
            yield return (unit, f.Derivative(l.PreActivation[r, unit], l.A[r, unit]));
            yield break;
        }
        for (int q = 0; q < l.W.Shape[1]; q++) yield return (q, l.A[r, q] * ((q == unit ? 1 : 0) - l.A[r, unit]));
    }

    private static string LossDelta(Loss loss) => loss.DeltaFormula;
}

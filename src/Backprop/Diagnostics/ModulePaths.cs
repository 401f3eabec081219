using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Backprop.Autograd;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Diagnostics;

/// <summary>
/// The graph of a run through modules' explain faces (<see cref="ExplainTrace{T}"/>) as <c>--paths</c> walks it: a node per value a module
/// gives (and the input x), an edge from each value a module reads to what it gives, weighted by the local derivative ∂y[j]/∂x[i] — a Jacobian
/// entry, which the module's own backward gives (its step, wrapped as the graph's node, run once per output unit with the other inputs held
/// fixed: a vector-Jacobian product through the contract, never a second copy of its math). A dense layer's output reads one input unit per
/// weight; a layer norm's every output reads every input of the row; a residual's output reads its input along the skip and its block's output.
/// Each path from a parameter to the loss is the product of its factors; over all paths they sum to the gradient.
/// </summary>
internal sealed class ModulePaths<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Value> _values = [];
    private readonly Dictionary<Tensor<T>, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(int Value, int Row), Dictionary<Tensor<T>, T[]>[]> _jacobians = [];
    private readonly Tensor<T> _output;
    private readonly Tensor<double> _dOutput;
    private readonly IReadOnlyList<(string Name, Tensor<T> Value)> _parameters;
    private readonly IReadOnlyDictionary<string, double[]> _autodiff;

    // A value of the graph: its tensor [N, width], its name (the path of the module giving it, "x" for the input), the module, and what it reads.
    private sealed record Value(Tensor<T> Tensor, string Name, TracedModule<T>? Owner, HashSet<Tensor<T>> Reads, List<int> ReadBy);

    /// <param name="modules">The modules as traced (children before their container).</param>
    /// <param name="output">The network's output, with dL/d(output) in its gradient (after the loss's backward pass).</param>
    /// <param name="model">The model, whose parameters are named by path.</param>
    /// <param name="autodiff">Each parameter's gradient by autodiff, by name.</param>
    public ModulePaths(IReadOnlyList<TracedModule<T>> modules, Tensor<T> output, Module<T> model, IReadOnlyDictionary<string, double[]> autodiff)
    {
        _output = output;
        _dOutput = ToDouble(output.Grad ?? throw new InvalidOperationException("--paths needs the loss's backward pass."));
        _parameters = [.. model.NamedParameters()];
        _autodiff = autodiff;
        var parameters = new HashSet<Tensor<T>>(_parameters.Select(p => p.Value), ReferenceEqualityComparer.Instance);
        Add(modules[^1].X, "x", null);
        foreach (var m in modules)
            if (!_index.ContainsKey(m.Y)) Add(m.Y, m.Path.Length == 0 ? "y" : m.Path, m);
        for (int v = 1; v < _values.Count; v++)
        {
            Sources(_values[v].Tensor, parameters, _values[v].Reads);
            foreach (var source in _values[v].Reads)
                if (_index.TryGetValue(source, out int s)) _values[s].ReadBy.Add(v);
        }
    }

    private void Add(Tensor<T> tensor, string name, TracedModule<T>? owner)
    {
        _index[tensor] = _values.Count;
        _values.Add(new Value(tensor, name, owner, new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance), []));
    }

    // The values and parameters y is computed from directly: the graph followed back from y, stopping at every other value and at leaves.
    private void Sources(Tensor<T> y, HashSet<Tensor<T>> parameters, HashSet<Tensor<T>> found)
    {
        var seen = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance) { y };
        var stack = new Stack<Tensor<T>>([y]);
        while (stack.TryPop(out var t))
            foreach (var input in t.Creator?.Inputs ?? [])
            {
                if (!input.RequiresGrad || !seen.Add(input)) continue;
                if (_index.ContainsKey(input) || parameters.Contains(input)) found.Add(input);
                else if (input.Creator is not null) stack.Push(input);
            }
    }

    /// <summary>Every path from <paramref name="parameter"/> (by name and index: <c>layer2.weight[3]</c>, <c>layer1.w[0,1]</c>) to the loss.</summary>
    public ChainPaths Find(string parameter)
    {
        var match = Regex.Match(parameter.Trim(), @"^([A-Za-z0-9_.]{1,200})\[(\d{1,9})(?:,\s*(\d{1,9}))?\]$");
        if (!match.Success) throw BackpropException.BadSetting($"--paths: '{parameter}' is not a parameter; write its name and index, e.g. layer1.w[0,1] or layer2.weight[0]; {Names()}.");
        string name = match.Groups[1].Value;
        var found = _parameters.FirstOrDefault(p => p.Name == name);
        if (found.Value is not { } theta) throw BackpropException.BadSetting($"--paths: {parameter}: the network has no parameter {name}; {Names()}.");
        int[] index = [.. match.Groups.Values.Skip(2).Where(g => g.Success).Select(g => int.Parse(g.Value, CultureInfo.InvariantCulture))];
        if (index.Length != theta.Rank || index.Select((k, d) => k >= theta.Shape[d]).Any(b => b))
            throw BackpropException.BadSetting($"--paths: {parameter}: {name} is [{string.Join(", ", theta.Shape.ToArray())}], so write {Range(name, theta)}; {Names()}.");
        int flat = theta.Rank == 1 ? index[0] : index[0] * theta.Shape[1] + index[1];
        string at = $"{name}[{string.Join(",", index)}]";

        var paths = new List<ChainPath>();
        long factors = 0;
        var readers = Enumerable.Range(1, _values.Count - 1).Where(v => _values[v].Reads.Contains(theta)).ToList();
        int rows = _output.Shape[0];
        for (int r = 0; r < rows; r++)
            foreach (int v in readers)
            {
                var start = new List<Edge>();
                var jacobian = Jacobian(v, r);
                for (int q = 0; q < jacobian.Length; q++)
                    if (double.CreateTruncating(jacobian[q][theta][flat]) is var d && d != 0)
                        start.Add(new Edge(0, new PathFactor($"∂{_values[v].Name}[{q}]/∂{at}", d), v, q));
                Walk(start, r, paths, ref factors);
            }
        double autodiff = _autodiff.TryGetValue(name, out var g) ? g[flat] : 0;
        var legend = _values.Where(v => v.Owner is not null)
            .Select(v => $"{v.Name} = {v.Owner!.Module}: {v.Owner.Jacobian ?? "no formula given; its local derivatives come from its backward"}").ToList();
        return new ChainPaths(parameter.Trim(), paths, autodiff)
        {
            Legend = legend,
            Note = "each local derivative is the module's own backward (a Jacobian entry); paths through a local derivative of exactly 0 are left out (they add nothing)",
        };
    }

    private readonly record struct Edge(int Depth, PathFactor Factor, int Value, int Unit);

    // Depth first with an explicit stack, from each start edge to the loss.
    private void Walk(List<Edge> start, int r, List<ChainPath> paths, ref long factors)
    {
        var path = new List<PathFactor>();
        var stack = new Stack<Edge>();
        for (int i = start.Count - 1; i >= 0; i--) stack.Push(start[i]);
        var children = new List<Edge>();
        int outputValue = _index[_output];
        while (stack.TryPop(out var e))
        {
            path.RemoveRange(e.Depth, path.Count - e.Depth);
            path.Add(e.Factor);
            if (e.Value == outputValue)
            {
                path.Add(new PathFactor($"∂L/∂{_values[e.Value].Name}[{e.Unit}]", _dOutput[r, e.Unit]));
                factors += path.Count;
                if (paths.Count == ChainPaths.MaxPaths || factors > ChainPaths.MaxFactors)
                    throw BackpropException.BadSetting($"--paths: more than {ChainPaths.MaxPaths} paths or {ChainPaths.MaxFactors} factors lead to the loss; choose a smaller network.");
                paths.Add(new ChainPath(r, [.. path]));
                path.RemoveAt(path.Count - 1);
                continue;
            }
            children.Clear();
            var from = _values[e.Value];
            foreach (int u in from.ReadBy)
            {
                var jacobian = Jacobian(u, r);
                int width = from.Tensor.Shape[1];
                for (int q = 0; q < jacobian.Length; q++)
                    if (double.CreateTruncating(jacobian[q][from.Tensor][r * width + e.Unit]) is var d && d != 0)
                        children.Add(new Edge(path.Count, new PathFactor($"∂{_values[u].Name}[{q}]/∂{from.Name}[{e.Unit}]", d), u, q));
            }
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    // ∂value[r, q]/∂(each thing it reads), for every unit q of row r: the graph's backward from a one-hot seed, down to what it reads only.
    private Dictionary<Tensor<T>, T[]>[] Jacobian(int v, int r)
    {
        if (_jacobians.TryGetValue((v, r), out var cached)) return cached;
        var value = _values[v];
        int width = value.Tensor.Shape[1];
        var rows = new Dictionary<Tensor<T>, T[]>[width];
        var seed = new T[value.Tensor.Length];
        for (int q = 0; q < width; q++)
        {
            seed.AsSpan().Clear();
            seed[r * width + q] = T.One;
            rows[q] = Graph.Local(value.Tensor, seed, value.Reads);
        }
        return _jacobians[(v, r)] = rows;
    }

    private static string Range(string name, Tensor<T> p) =>
        p.Rank == 1 ? $"{name}[0..{p.Shape[0] - 1}]" : $"{name}[0..{p.Shape[0] - 1},0..{p.Shape[1] - 1}]";

    /// <summary>The parameters <see cref="Find"/> takes, as ranges: <c>the parameters are layer1.w[0..1,0..2], layer1.b[0..2], layer2.weight[0..2], ...</c>.</summary>
    public string Names() => "the parameters are " + string.Join(", ", _parameters.Select(p => Range(p.Name, p.Value)));

    private static Tensor<double> ToDouble(Tensor<T> t) => new(t.Shape, [.. t.ToArray().Select(double.CreateTruncating)]);
}

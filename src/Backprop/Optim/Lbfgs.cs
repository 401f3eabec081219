using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Backprop.Kernels;
using Backprop.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Optim;

/// <summary>
/// L-BFGS as PyTorch's <c>torch.optim.LBFGS</c> runs it, over all parameters as one flat vector x with gradient g: each
/// <see cref="Step(Func{T})"/> evaluates the closure, then for up to <c>max_iter</c> iterations takes the direction d = −H·g from the last
/// <c>history_size</c> pairs (s = t·d, y = Δg, kept when yᵀs &gt; 1e-10; H₀ = yᵀs / yᵀy; the two-loop recursion; the very first d = −g)
/// and steps x ← x + t·d with t = lr (the first t = min(1, 1/‖g‖₁)·lr), or the step of a strong-Wolfe line search; it stops early when
/// max|g| ≤ <c>tolerance_grad</c>, gᵀd &gt; −<c>tolerance_change</c>, max|t·d| or the change of the loss ≤ <c>tolerance_change</c>, or after
/// <c>max_eval</c> evaluations. State, by PyTorch's names (each a T[][]; vectors span all parameters in order): <c>d</c>,
/// <c>prev_flat_grad</c> one vector each; <c>old_dirs</c> (the y's) and <c>old_stps</c> (the s's) one vector per remembered pair, oldest
/// first (0 to <c>history_size</c>); <c>ro</c> one array of the pairs' 1/yᵀs; <c>t</c>, <c>H_diag</c>, <c>prev_loss</c>, <c>n_iter</c>,
/// <c>func_evals</c> one value each. Scalars are computed in double; stored as T, a float model's <c>t</c> and <c>H_diag</c> round.
/// </summary>
public sealed class Lbfgs<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _flatGrad, _prevFlatGrad, _d, _x0;
    private readonly List<T[]> _oldDirs = [], _oldStps = [];
    private readonly List<double> _ro = [];
    private readonly double[] _al;
    private readonly StrongWolfe<T>? _lineSearch;
    private T[]? _y, _s; // the next pair's vectors: new while the history grows, then the oldest pair's, reused
    private double _t, _hDiag = 1, _prevLoss;
    private long _nIter, _funcEvals;
    private Func<T>? _closure;
    private T _firstLoss;

    /// <summary>
    /// L-BFGS with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> (1), at most <paramref name="maxIter"/> iterations
    /// (20) and <paramref name="maxEval"/> evaluations (<paramref name="maxIter"/>·5/4) per step, <paramref name="toleranceGrad"/> (1e-7),
    /// <paramref name="toleranceChange"/> (1e-9), <paramref name="historySize"/> pairs remembered (100), and <paramref name="lineSearchFn"/>
    /// null (a fixed step) or <c>"strong_wolfe"</c>.
    /// </summary>
    public Lbfgs(IEnumerable<Tensor<T>> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, int historySize = 100, string? lineSearchFn = null) : base(parameters, lr)
    {
        MaxIter = maxIter >= 1 ? maxIter : throw new ArgumentOutOfRangeException(nameof(maxIter), $"Lbfgs: max_iter must be at least 1; got {maxIter}.");
        MaxEval = maxEval ?? maxIter * 5 / 4;
        if (MaxEval < 1) throw new ArgumentOutOfRangeException(nameof(maxEval), $"Lbfgs: max_eval must be at least 1; got {MaxEval}.");
        ToleranceGrad = NonNegative(toleranceGrad, "tolerance_grad");
        ToleranceChange = NonNegative(toleranceChange, "tolerance_change");
        HistorySize = historySize >= 1 ? historySize : throw new ArgumentOutOfRangeException(nameof(historySize), $"Lbfgs: history_size must be at least 1; got {historySize}.");
        if (lineSearchFn is not (null or "strong_wolfe"))
            throw new ArgumentException($"Lbfgs: line_search_fn must be null or \"strong_wolfe\"; got \"{lineSearchFn}\".", nameof(lineSearchFn));
        LineSearchFn = lineSearchFn;
        int length = Params.Sum(p => p.Length);
        (_flatGrad, _prevFlatGrad, _d, _x0) = (new T[length], new T[length], new T[length], new T[length]);
        _al = new double[historySize];
        if (lineSearchFn is not null) _lineSearch = new StrongWolfe<T>(length, EvaluateAlong);
    }

    /// <summary>Iterations per step at most (PyTorch's <c>max_iter</c>).</summary>
    public int MaxIter { get; }

    /// <summary>Closure evaluations per step at most (PyTorch's <c>max_eval</c>).</summary>
    public int MaxEval { get; }

    /// <summary>A step ends when every gradient value is at most this in size (PyTorch's <c>tolerance_grad</c>).</summary>
    public double ToleranceGrad { get; }

    /// <summary>A step ends when the loss or the parameters change by at most this (PyTorch's <c>tolerance_change</c>).</summary>
    public double ToleranceChange { get; }

    /// <summary>How many (s, y) pairs the inverse-Hessian approximation remembers (PyTorch's <c>history_size</c>).</summary>
    public int HistorySize { get; }

    /// <summary>Null for a fixed step t, or <c>"strong_wolfe"</c> (PyTorch's <c>line_search_fn</c>).</summary>
    public string? LineSearchFn { get; }

    /// <summary>Closure evaluations so far (PyTorch's <c>state["func_evals"]</c>).</summary>
    public long FunctionEvaluations => _funcEvals;

    /// <summary>Iterations so far over all steps (PyTorch's <c>state["n_iter"]</c>).</summary>
    public long Iterations => _nIter;

    /// <inheritdoc/>
    public override bool RequiresClosure => true;

    /// <summary>One L-BFGS step: evaluates <paramref name="closure"/> up to <see cref="MaxEval"/> times; returns the first loss, before the step.</summary>
    public override T Step(Func<T> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        _closure = closure;
        try { Step(); }
        finally { _closure = null; }
        return _firstLoss;
    }

    /// <inheritdoc/>
    protected override void Update()
    {
        var closure = _closure ?? throw new InvalidOperationException("Lbfgs: L-BFGS evaluates the loss several times per step; call Step(closure), as Trainer.Fit does.");
        _firstLoss = closure();
        double loss = double.CreateTruncating(_firstLoss);
        int evaluations = 1;
        _funcEvals++;
        Gather(_flatGrad);
        if (MaxAbs(_flatGrad) <= ToleranceGrad) return;

        for (int iteration = 1; iteration <= MaxIter; iteration++)
        {
            _nIter++;
            if (_nIter == 1)
            {
                TensorPrimitives.Negate<T>(_flatGrad, _d);
                _oldDirs.Clear(); _oldStps.Clear(); _ro.Clear();
                _hDiag = 1;
            }
            else Direction();
            _flatGrad.CopyTo(_prevFlatGrad, 0);
            _prevLoss = loss;

            _t = _nIter == 1 ? Math.Min(1, 1 / double.CreateTruncating(TensorPrimitives.SumOfMagnitudes<T>(_flatGrad))) * LearningRate : LearningRate;
            double gtd = Dot(_flatGrad, _d);
            if (gtd > -ToleranceChange) break; // not a descent direction any more

            int searchEvaluations = 0;
            bool optimal = false;
            if (_lineSearch is not null)
            {
                Gather(_x0, values: true);
                (loss, _t, searchEvaluations) = _lineSearch.Search(_t, _d, loss, _flatGrad, gtd, _flatGrad);
                Move(_t);
                optimal = MaxAbs(_flatGrad) <= ToleranceGrad;
            }
            else
            {
                Move(_t);
                if (iteration != MaxIter)
                {
                    loss = double.CreateTruncating(closure());
                    Gather(_flatGrad);
                    optimal = MaxAbs(_flatGrad) <= ToleranceGrad;
                    searchEvaluations = 1;
                }
            }
            evaluations += searchEvaluations;
            _funcEvals += searchEvaluations;

            if (iteration == MaxIter || evaluations >= MaxEval || optimal) break;
            if (Math.Abs(_t) * MaxAbs(_d) <= ToleranceChange || Math.Abs(loss - _prevLoss) < ToleranceChange) break;
        }
    }

    // d = −H·g by the two-loop recursion, after remembering the last step's pair s = t·d, y = g − g_prev when yᵀs > 1e-10.
    private void Direction()
    {
        var (y, s) = (_y ??= new T[_d.Length], _s ??= new T[_d.Length]);
        TensorPrimitives.Subtract<T>(_flatGrad, _prevFlatGrad, y);
        TensorPrimitives.Multiply<T>(_d, T.CreateTruncating(_t), s);
        double ys = Dot(y, s);
        if (ys > 1e-10)
        {
            if (_oldDirs.Count == HistorySize)
            {
                (_y, _s) = (_oldDirs[0], _oldStps[0]);
                _oldDirs.RemoveAt(0); _oldStps.RemoveAt(0); _ro.RemoveAt(0);
            }
            else (_y, _s) = (null, null);
            _oldDirs.Add(y); _oldStps.Add(s); _ro.Add(1 / ys);
            _hDiag = ys / Dot(y, y);
        }
        var q = _d;
        TensorPrimitives.Negate<T>(_flatGrad, q);
        for (int i = _oldDirs.Count - 1; i >= 0; i--)
        {
            _al[i] = Dot(_oldStps[i], q) * _ro[i];
            Elementwise.AddScaledInPlace<T>(q, _oldDirs[i], T.CreateTruncating(-_al[i]));
        }
        TensorPrimitives.Multiply<T>(q, T.CreateTruncating(_hDiag), q);
        for (int i = 0; i < _oldDirs.Count; i++)
        {
            double beta = Dot(_oldDirs[i], q) * _ro[i];
            Elementwise.AddScaledInPlace<T>(q, _oldStps[i], T.CreateTruncating(_al[i] - beta));
        }
    }

    // The line search's objective: the loss at x₀ + t·d, its gradient into g; the parameters are put back to x₀.
    private double EvaluateAlong(double t, T[] g)
    {
        Move(t);
        double loss = double.CreateTruncating(_closure!());
        Gather(g);
        Scatter(_x0);
        return loss;
    }

    // x ← x + t·d, parameter by parameter.
    private void Move(double t)
    {
        T step = T.CreateTruncating(t);
        int offset = 0;
        foreach (var p in Params)
        {
            Elementwise.AddScaledInPlace<T>(p.Span, _d.AsSpan(offset, p.Length), step);
            offset += p.Length;
        }
    }

    // The parameters' gradients (zeros for a parameter without one) or, with values, the parameters themselves, as one flat vector.
    private void Gather(Span<T> flat, bool values = false)
    {
        int offset = 0;
        foreach (var p in Params)
        {
            var target = flat.Slice(offset, p.Length);
            if (values) p.Span.CopyTo(target);
            else if (p.Grad is { } g) g.Span.CopyTo(target);
            else target.Clear();
            offset += p.Length;
        }
    }

    private void Scatter(ReadOnlySpan<T> flat)
    {
        int offset = 0;
        foreach (var p in Params)
        {
            flat.Slice(offset, p.Length).CopyTo(p.Span);
            offset += p.Length;
        }
    }

    private static double Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b) => double.CreateTruncating(TensorPrimitives.Dot(a, b));

    private static double MaxAbs(ReadOnlySpan<T> x) => x.IsEmpty ? 0 : double.CreateTruncating(T.Abs(TensorPrimitives.MaxMagnitude(x)));

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, T[][]> CopyBuffers() => new Dictionary<string, T[][]>
    {
        ["d"] = [(T[])_d.Clone()], ["prev_flat_grad"] = [(T[])_prevFlatGrad.Clone()],
        ["old_dirs"] = [.. _oldDirs.Select(v => (T[])v.Clone())], ["old_stps"] = [.. _oldStps.Select(v => (T[])v.Clone())],
        ["ro"] = [Exact([.. _ro])],
        ["t"] = [Exact([_t])], ["H_diag"] = [Exact([_hDiag])], ["prev_loss"] = [Exact([_prevLoss])], ["n_iter"] = [Exact([_nIter])], ["func_evals"] = [Exact([_funcEvals])],
    };

    // The doubles of the state kept bit for bit in elements of T (two float32 elements per double), so a resumed run equals a straight one.
    private static T[] Exact(double[] values) => MemoryMarshal.Cast<double, T>(values).ToArray();

    private static int WordsPerDouble => sizeof(double) / Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    protected override void LoadBuffers(IReadOnlyDictionary<string, T[][]> buffers)
    {
        string[] names = ["d", "prev_flat_grad", "old_dirs", "old_stps", "ro", "t", "H_diag", "prev_loss", "n_iter", "func_evals"];
        if (buffers.Count != names.Length || names.Any(n => !buffers.ContainsKey(n)))
            throw new ArgumentException($"Lbfgs: the state holds buffers [{string.Join(", ", buffers.Keys)}]; expected [{string.Join(", ", names)}].");
        int length = _d.Length, pairs = buffers["old_dirs"].Length;
        foreach (var name in names)
        {
            var given = buffers[name];
            var (count, size) = name switch
            {
                "d" or "prev_flat_grad" => (1, length),
                "old_dirs" or "old_stps" => (pairs, length),
                "ro" => (1, pairs * WordsPerDouble),
                _ => (1, WordsPerDouble),
            };
            if (given.Length != count || given.Any(v => v.Length != size))
                throw new ArgumentException($"Lbfgs: state buffer {name} holds [{string.Join(", ", given.Select(v => v.Length))}] values; expected {count} × {size} " +
                    $"({length} parameter values, {pairs} remembered pairs).");
        }
        if (pairs > HistorySize) throw new ArgumentException($"Lbfgs: the state remembers {pairs} pairs; history_size is {HistorySize}.");
        buffers["d"][0].CopyTo(_d, 0);
        buffers["prev_flat_grad"][0].CopyTo(_prevFlatGrad, 0);
        Replace(_oldDirs, buffers["old_dirs"]);
        Replace(_oldStps, buffers["old_stps"]);
        _ro.Clear(); _ro.AddRange(MemoryMarshal.Cast<T, double>(buffers["ro"][0]).ToArray());
        (_y, _s) = (null, null);
        _t = Value(buffers, "t"); _hDiag = Value(buffers, "H_diag"); _prevLoss = Value(buffers, "prev_loss");
        _nIter = (long)Value(buffers, "n_iter"); _funcEvals = (long)Value(buffers, "func_evals");
    }

    private static void Replace(List<T[]> history, T[][] given)
    {
        history.Clear();
        history.AddRange(given.Select(v => (T[])v.Clone()));
    }

    private static double Value(IReadOnlyDictionary<string, T[][]> buffers, string name) => MemoryMarshal.Cast<T, double>(buffers[name][0])[0];
}

/// <summary>
/// L-BFGS described before its parameters exist: <c>new LbfgsOptions { LearningRate = 1, MaxIter = 20 }</c>. PyTorch's defaults, except
/// <see cref="LineSearchFn"/>: strong Wolfe here (PyTorch: none), because a fixed step of 1 often overshoots on a network's loss.
/// </summary>
public sealed record LbfgsOptions : OptimizerOptions
{
    /// <summary>The registry entry <c>lbfgs</c>.</summary>
    public static IRegistryEntry<OptimizerOptions> Entry { get; } = new RegistryEntry<OptimizerOptions, LbfgsOptions>("lbfgs", new(), o => o, "L-BFGS, full batch, strong-Wolfe line search");

    /// <summary>PyTorch's <c>lr</c> (default 1).</summary>
    public override double LearningRate { get; init; } = 1;

    /// <summary>PyTorch's <c>max_iter</c>: iterations per step (default 20).</summary>
    public int MaxIter { get; init; } = 20;

    /// <summary>PyTorch's <c>max_eval</c>: evaluations per step (default null: <see cref="MaxIter"/>·5/4).</summary>
    public int? MaxEval { get; init; }

    /// <summary>PyTorch's <c>tolerance_grad</c> (default 1e-7).</summary>
    public double ToleranceGrad { get; init; } = 1e-7;

    /// <summary>PyTorch's <c>tolerance_change</c> (default 1e-9).</summary>
    public double ToleranceChange { get; init; } = 1e-9;

    /// <summary>PyTorch's <c>history_size</c> (default 100).</summary>
    public int HistorySize { get; init; } = 100;

    /// <summary>PyTorch's <c>line_search_fn</c>: <c>"strong_wolfe"</c> (the default here) or null for a fixed step.</summary>
    public string? LineSearchFn { get; init; } = "strong_wolfe";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Name => "lbfgs";

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["max_iter", "max_eval", "tolerance_grad", "tolerance_change", "history_size"];

    /// <inheritdoc/>
    protected override OptimizerOptions? Set(string name, double value) => name switch
    {
        "max_iter" => this with { MaxIter = Count(value, name) },
        "max_eval" => this with { MaxEval = Count(value, name) },
        "tolerance_grad" => this with { ToleranceGrad = value },
        "tolerance_change" => this with { ToleranceChange = value },
        "history_size" => this with { HistorySize = Count(value, name) },
        _ => null,
    };

    private static int Count(double value, string name) => value == Math.Floor(value) && value is >= 0 and <= int.MaxValue ? (int)value
        : throw new ArgumentOutOfRangeException(name, $"Lbfgs: {name} must be a whole number ≥ 0; got {value}.");

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) =>
        new Lbfgs<T>(parameters, LearningRate, MaxIter, MaxEval, ToleranceGrad, ToleranceChange, HistorySize, LineSearchFn);
}

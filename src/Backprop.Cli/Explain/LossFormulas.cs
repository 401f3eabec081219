using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// How the step walkthrough writes each loss's value, by its registered name (as <c>OnnxActivations</c> writes an activation's nodes):
/// the formula in general and, for one example, with its numbers. A loss without an entry is written as its name applied to the output
/// and the targets, with its value; <see cref="Register"/> adds one.
/// </summary>
internal static class LossFormulas
{
    /// <summary>What a formula is written from: the step, the probabilities' expression (P, softmax(A), σ(A)), the output A,
    /// N rows, M outputs and the probabilities' values.</summary>
    public sealed record Context(StepExplanation Step, Expr Probabilities, Expr Output, int N, int M, Tensor<double> P);

    private static readonly Expr Log = new("log", @"\log ");
    private static readonly Expr Sum = new("Σ ", @"\sum ");
    private static readonly Expr PerOutput = Expr.Fraction("1", new Expr("N·M", "NM"));

    private static readonly Dictionary<string, (Func<Context, Expr> Formula, Func<Context, Expr> Work)> writers = new()
    {
        // -log p[y], averaged over the rows
        ["softmax_ce"] = (c => c.N == 1 ? "-" + Log + " " + c.Probabilities + "[y]"
                : "-" + Expr.Fraction("1", "N") + Expr.Times + new Expr("Σₙ ", @"\sum_n ") + Log + " " + c.Probabilities + new Expr("[n, yₙ]", "[n, y_n]"),
            c => "-" + Log + " " + (c.Step.Layers[^1].ActivationInLoss ? "p" : (Expr)"P") + $"[{Numbers.Short(c.Step.Spec.Y[0])}] = -" + Log + "(" + Expr.Num(c.P[0, (int)c.Step.Spec.Y[0]]) + ")"),
        // -mean of y·log p + (1 - y)·log(1 - p)
        ["bce_logits"] = (c => "-" + PerOutput + Expr.Times + Sum + "[Y" + Expr.Times + Log + " " + c.Probabilities + " + (1 - Y)" + Expr.Times + Log + "(1 - " + c.Probabilities + ")]",
            c => "-" + Scale(c.M) + "(" + Expr.Join(" + ", Enumerable.Range(0, c.M).Select(j => Expr.Num(c.Step.Spec.Y[0, j]) + Expr.Times + Log + "(" + Expr.Num(c.P[0, j]) + ") + "
                + Expr.Factor(1 - c.Step.Spec.Y[0, j]) + Expr.Times + Log + "(1 - " + Expr.Num(c.P[0, j]) + ")")) + ")"),
        // ½Σ(A - Y)² / N
        ["mse_half"] = (c => Expr.Fraction("1", "2N") + Expr.Times + Sum + "(" + c.Output + " - Y)" + Expr.Squared,
            c => new Expr("½·", @"\tfrac{1}{2} \cdot ") + Squares(c.Step)),
        // Σ(A - Y)² / NM
        ["mse_mean"] = (c => PerOutput + Expr.Times + Sum + "(" + c.Output + " - Y)" + Expr.Squared, c => Scale(c.M) + Squares(c.Step)),
    };

    private static readonly Lock gate = new();

    /// <summary>Writes the loss registered as <paramref name="name"/> with <paramref name="formula"/> and, for one example, <paramref name="work"/>.</summary>
    public static void Register(string name, Func<Context, Expr> formula, Func<Context, Expr> work)
    {
        lock (gate) writers[name] = (formula, work);
    }

    /// <summary>L's formula.</summary>
    public static Expr Formula(Context c) => Writer(c) is { } w ? w.Formula(c) : (Expr)c.Step.Spec.Loss.Name + "(" + c.Output + ", Y)";

    /// <summary>L for one example with its numbers, or null when the loss has no entry (its value alone is shown).</summary>
    public static Expr? Work(Context c) => Writer(c)?.Work(c);

    private static (Func<Context, Expr> Formula, Func<Context, Expr> Work)? Writer(Context c)
    {
        lock (gate) return writers.TryGetValue(c.Step.Spec.Loss.Name, out var w) ? w : null;
    }

    private static Expr Scale(int m) => m == 1 ? "" : Expr.Fraction("1", Numbers.Int(m)) + Expr.Times;

    private static Expr Squares(StepExplanation step)
    {
        var last = step.Layers[^1];
        int m = last.W.Shape[1];
        var squares = Expr.Join(" + ", Enumerable.Range(0, m).Select(j => "(" + Expr.Num(last.A[0, j]) + " - " + Expr.Factor(step.Spec.Y[0, j]) + ")" + Expr.Squared));
        return m == 1 ? squares : "(" + squares + ")";
    }
}

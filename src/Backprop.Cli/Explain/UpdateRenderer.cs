using Backprop.Diagnostics;

namespace Backprop.Cli.Explain;

/// <summary>
/// The update of a spec's step as the walk-through and <c>--paths</c> write it: plain gradient descent θ ← θ − λ·dL/dθ, or the spec's
/// optimizer (<see cref="SpecOptimizer"/>) with its hyper-parameters and step number, one element's terms written out by its explain face.
/// </summary>
internal static class UpdateRenderer
{
    /// <summary>The Update section's summary line.</summary>
    public static string Summary(NetworkSpec spec) => spec.Optimizer is { } optimizer
        ? $"{optimizer.Describe()}, learning rate γ = {Numbers.Short(spec.LearningRate)}"
        : $"gradient descent with learning rate λ = {Numbers.Short(spec.LearningRate)}";

    /// <summary>"adam step(W1, dL/dW1)": the formula of a matrix updated by the optimizer.</summary>
    public static Expr StepOf(SpecOptimizer optimizer, Expr matrix) =>
        new Expr($"{optimizer.Options.Name} step(", $@"\mathrm{{{optimizer.Options.Name.Replace("_", @"\_", StringComparison.Ordinal)}}}(") + matrix + ", " + Expr.Grad(matrix) + ")";

    /// <summary>After <c>--paths</c>: the parameter's update, term by term, ending in its value after the step.</summary>
    public static void WriteText(StepExplanation step, string parameter, TextWriter output)
    {
        var terms = StepUpdateTerms.Of(step, parameter);
        output.WriteLine();
        output.WriteLine($"update of {parameter} ({Summary(step.Spec)}):");
        int width = terms.Max(t => t.Name.Length);
        foreach (var t in terms) output.WriteLine($"  {t.Name.PadRight(width)} = {t.Formula} = {Numbers.Short(t.Value)}");
    }
}

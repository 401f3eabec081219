using System.Globalization;

namespace Backprop.Optim;

/// <summary>One value of an optimizer's update written out (an explain face): its name, its formula with the numbers put in, and its value.</summary>
/// <param name="Name">What it is: <c>m</c>, <c>v̂</c>, <c>θ</c>.</param>
/// <param name="Formula">The formula with the numbers in it: <c>0.9·0.1 + 0.1·0.5</c>.</param>
/// <param name="Value">Its value.</param>
public sealed record UpdateTerm(string Name, string Formula, double Value)
{
    /// <summary>A number as the formulas show it: six significant digits (1.5e-06).</summary>
    public static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}

/// <summary>One element of a parameter in one optimizer step, what <see cref="OptimizerOptions.Explain"/> writes out.</summary>
/// <param name="Before">θ before the step.</param>
/// <param name="Gradient">dL/dθ of the step.</param>
/// <param name="After">θ after the step, as the optimizer computed it.</param>
/// <param name="Step">t, the step's number (1 for the first step).</param>
/// <param name="LearningRate">γ of the step.</param>
/// <param name="StateBefore">Each state buffer's value before the step, by PyTorch's name (<c>exp_avg</c>).</param>
/// <param name="StateAfter">Each state buffer's value after the step.</param>
public sealed record UpdateElement(double Before, double Gradient, double After, long Step, double LearningRate,
    IReadOnlyDictionary<string, double> StateBefore, IReadOnlyDictionary<string, double> StateAfter);

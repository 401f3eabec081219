using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>One line of arithmetic: <c>z1[0] = 0.5·(-0.12) + 0.05 = -0.01</c> (left side, right side); an update reads <c>w1[0,0] ← ...</c>.</summary>
internal sealed record Substitution(Expr Left, Expr Right, bool Assigns = false)
{
    /// <summary>"=" or, for an update, "←".</summary>
    public Expr Relation => Assigns ? new Expr("←", @"\leftarrow") : "=";
}

/// <summary>
/// One stage of the walk-through: its matrix formula (<c>dW2 = A1ᵀ·dZ2</c>), the same per element, and either the numbers
/// substituted into it element by element (one small example) or the resulting matrix (anything larger). A given value has
/// only a name, a caption and its matrix.
/// </summary>
internal sealed record Stage(Expr Formula, Expr? Elementwise, IReadOnlyList<Substitution> Substitutions, Expr? ResultName = null,
    Tensor<double>? Result = null, string? Caption = null);

/// <summary>A titled group of stages: the given values, the forward pass, the backward pass, the update; a note under the heading (its text form may say more than the Markdown one), a footer closing it.</summary>
internal sealed record Section(string Heading, IReadOnlyList<Stage> Stages, Expr? Note = null, string? Footer = null);

/// <summary>Everything <c>backprop explain</c> shows, independent of the output format.</summary>
/// <param name="Title">What network, loss and batch this is.</param>
/// <param name="Sections">Given, forward, backward, update.</param>
/// <param name="Full">Print every entry of every matrix instead of eliding the middle of long axes.</param>
internal sealed record Walkthrough(string Title, IReadOnlyList<Section> Sections, bool Full = false);

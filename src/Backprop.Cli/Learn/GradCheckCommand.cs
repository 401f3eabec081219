using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Cli.Learn;

/// <summary>
/// <c>backprop gradcheck</c>: autodiff against central finite differences, on small random networks of every activation × loss
/// (or on a <c>--spec</c>); a table of the worst relative error per parameter tensor; exit 1 when any exceeds the tolerance.
/// </summary>
internal static class GradCheckCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "gradcheck";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Compare every gradient the engine computes by backpropagation with central finite differences "
        + "(L(w + ε) - L(w - ε))/2ε in double, on a 3-5-4-3 network for each hidden activation and loss, or on --spec.";

    /// <summary>Every registered elementwise activation with its default parameter (leaky_relu at 0.1, where 0.01 would hide its slope).</summary>
    public static string[] Activations => [.. Activation.Registered.Where(e => e.Default.IsElementwise)
        .Select(e => e.Name == "leaky_relu" ? "leaky_relu:0.1" : e.Default.ToString())];
    public static readonly string[] Losses = ["softmax_ce", "bce_logits", "mse_half", "mse_mean"];

    public static Command Create()
    {
        var spec = new Option<string?>("--spec") { Description = "Check this network (JSON, as for explain) instead of the random ones.", HelpName = "FILE.json" };
        var tolerance = new Option<double?>("--tolerance")
        {
            Description = $"Largest relative error allowed (default {Numbers.Short(GradCheck.DefaultTolerance)}).", HelpName = "REL",
            CustomParser = OptionParsers.NonNegativeNumber("--tolerance"),
        };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the random networks and batches (default 1).", HelpName = "N", CustomParser = OptionParsers.Seed("--seed") };
        var command = new Command(Name, Summary);
        command.Options.Add(spec);
        command.Options.Add(tolerance);
        command.Options.Add(seed);
        command.SetAction(result => Execute(result.GetValue(spec), result.GetValue(tolerance) ?? GradCheck.DefaultTolerance, result.GetValue(seed) ?? 1,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    public static int Execute(string? specPath, double tolerance, ulong seed, TextWriter output, TextWriter error)
    {
        var checks = new List<(string Network, GradCheckReport Report)>();
        var layerChecks = new List<(string Network, GradCheckReport Report)>();
        if (specPath is not null) checks.Add((Path.GetFileName(specPath), CheckSpec(NetworkSpec.Load(specPath), tolerance)));
        else
        {
            foreach (var activation in Activations)
                foreach (var loss in Losses)
                    checks.Add(($"{activation} / {loss}", CheckRandom(Activation.Parse(activation), Loss.Parse(loss), seed, tolerance)));
            foreach (var (norm, residual) in Layers)
                layerChecks.Add(($"tanh{(norm is null ? "" : $" + {norm}")}{(residual ? " + residual" : "")} / softmax_ce",
                    CheckRandom(Activation.Tanh, Loss.Parse("softmax_ce"), seed, tolerance, norm, residual)));
        }
        GradCheckTable.Write(checks, tolerance, output);
        if (layerChecks.Count > 0) { output.WriteLine(); GradCheckTable.Write(layerChecks, tolerance, output, compact: true); }
        checks.AddRange(layerChecks);
        var failed = checks.Where(c => !c.Report.Passed).ToList();
        if (failed.Count == 0) return BackpropCli.Success;
        var worst = failed.MaxBy(c => c.Report.MaxRelativeError);
        var entry = worst.Report.Entries.MaxBy(e => e.MaxRelativeError)!;
        error.WriteLine($"error: gradcheck: {failed.Count} of {checks.Count} networks exceed the tolerance {Numbers.Short(tolerance)}; "
            + $"worst relative error {Numbers.Scientific(entry.MaxRelativeError)} in {entry.Name} of {worst.Network}");
        return BackpropCli.Failure;
    }

    /// <summary>The normalisation (a registered layer) and skip connections of the networks that check the layers, on a 3-5-5-3 tanh MLP
    /// (its second hidden block keeps the width, so a residual wraps it).</summary>
    public static readonly (string? Norm, bool Residual)[] Layers = [("batch_norm1d", false), ("layer_norm", false), (null, true), ("layer_norm", true)];

    /// <summary>A seeded 3-5-4-3 MLP (3-5-5-3 with a norm or residual blocks) with random biases, γ and β too (zero biases can put a ReLU
    /// exactly at its kink, where no derivative is right), 7 examples, targets of the kind the loss takes.</summary>
    public static GradCheckReport CheckRandom(Activation activation, Loss loss, ulong seed, double tolerance, string? norm = null, bool residual = false)
    {
        int[] sizes = norm is null && !residual ? [3, 5, 4, 3] : [3, 5, 5, 3];
        var model = Mlp.Create<double>(sizes, activation, seed: unchecked(seed + 10), norm: norm, residual: residual);
        var rng = new Rng(unchecked(seed + 13));
        foreach (var (name, p) in model.NamedParameters())
            if (name.EndsWith(".b", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal)) Tensor<double>.RandomNormal(rng, 0, 0.5, p.Length).Span.CopyTo(p.Span);
            else if (name.EndsWith(".weight", StringComparison.Ordinal)) Tensor<double>.RandomNormal(rng, 1, 0.3, p.Length).Span.CopyTo(p.Span);
        var x = Tensor<double>.RandomNormal(unchecked(seed + 11), 0, 1, 7, 3);
        var y = loss.Task switch
        {
            TaskKind.Classification => Tensor<double>.FromArray([.. Enumerable.Range(0, 7).Select(i => (double)((i * 2 + (int)(seed % 3)) % 3))], 7),
            TaskKind.Binary => Tensor<double>.FromArray([.. Enumerable.Range(0, 21).Select(i => (double)((i * 7 + (int)(seed % 5)) % 5 < 2 ? 1 : 0))], 7, 3),
            _ => Tensor<double>.RandomNormal(unchecked(seed + 12), 0, 1, 7, 3),
        };
        return GradCheck.Run(model, loss, x, y, tolerance: tolerance);
    }

    /// <summary>The spec's network as a function of its weights, each layer's activation applied unless it is the loss's own.</summary>
    public static GradCheckReport CheckSpec(NetworkSpec spec, double tolerance)
    {
        if (spec.Model is { } model)
        {
            model.Eval(); // as explain runs it: running statistics, no dropout
            return GradCheck.Run(model, spec.Loss, spec.X, spec.Y, tolerance: tolerance);
        }
        var parameters = new List<(string, Tensor<double>)>();
        foreach (var (layer, i) in spec.Layers.Select((l, i) => (l, i)))
        {
            parameters.Add(($"layer{i + 1}.w", layer.W.Clone()));
            parameters.Add(($"layer{i + 1}.b", layer.B.Clone()));
        }
        Tensor<double> Loss()
        {
            var a = spec.X;
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                var z = a.MatMul(parameters[2 * i].Item2) + parameters[2 * i + 1].Item2;
                a = i == spec.Layers.Count - 1 && spec.LastActivationInLoss ? z : new ActivationLayer<double>(spec.Layers[i].Activation).Forward(z);
            }
            return spec.Loss.Compute(a, spec.Y);
        }
        return GradCheck.Run(Loss, parameters, tolerance: tolerance);
    }
}

using Backprop.Text;
using System.CommandLine;
using Backprop.Cli.Common;
using System.Globalization;
using Backprop.IO;

namespace Backprop.Cli.Info;

/// <summary><c>backprop info</c>: what a model file holds, without building the model.</summary>
internal static class InfoCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "info";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Show a model file: architecture (PyTorch modules), parameter count, classes, features, training options, version and tensors.";

    public static Command Create()
    {
        var model = ModelOptions.Model();
        var command = new Command(Name, Summary);
        command.Options.Add(model);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(string path, TextWriter output)
    {
        var (file, meta) = ModelFile.Inspect(path, out var model); // the file read and its model built once
        var c = CultureInfo.InvariantCulture;
        void Line(string label, string value) => output.WriteLine($"{label,-14}{value}");
        var stored = file.Tensors.Select(t => t.DType).Where(SafetensorsTensor.FloatingDTypes.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var dtype = ModelFile.DTypeOf(file) + (stored.Count == 0 || stored is [var only] && only == ModelFile.DTypeOf(file) ? "" : $" from {string.Join("+", stored)}");
        Line("model", $"{Inert.Text(path)} ({dtype}, {new FileInfo(path).Length.ToString("N0", c)} bytes)");
        if (meta.Architecture is { } a)
        {
            Line("architecture", $"Sequential({a.TorchModules()})");
            Line("layers", a.ToString());
        }
        else if (model is not null)
        {
            Line("architecture", Inert.Text(string.Join(", ", model.Torch(model.InputWidth ?? 0))));
            Line("layers", $"{string.Join("-", Nn.Mlp.Sizes(model))}{(meta.Loss is { } l ? $" (loss {l})" : "")}");
        }
        else Line("architecture", "unknown: no Backprop metadata (a file from another tool?)");
        if (meta.Modules is { } modules) Modules(output, modules, "modules", 0);
        Line("parameters", (model?.ParameterCount ?? file.Tensors.Where(t => !Architecture.BatchNormState.Any(e => t.Name.EndsWith("." + e, StringComparison.Ordinal)))
            .Sum(t => t.ElementCount)).ToString("N0", c)); // buffers (batch norm's running statistics and batch count) are state
        if (meta.Task is { } task) Line("task", meta.Schema is { Task: Backprop.Nn.TaskKind.Binary, MoreTargetColumns.Count: > 0 } ? "multilabel" : task.ToString().ToLowerInvariant());
        if (meta.Schema is { MoreTargetColumns.Count: > 0, Task: Backprop.Nn.TaskKind.Binary } multilabel)
            Line("labels", $"{multilabel.TargetNames.Count}: {string.Join(", ", Inert.Texts(multilabel.TargetNames))} (multilabel: a sigmoid each)");
        else if (meta.Schema is { MoreTargetColumns.Count: > 0 } several) Line("targets", $"{several.TargetNames.Count}: {string.Join(", ", Inert.Texts(several.TargetNames))} (one output each)");
        else if (meta.TargetName is { } target) Line("target", Inert.Text(target));
        if (meta.ClassNames is { } classes) Line("classes", $"{classes.Count}: {string.Join(", ", Inert.Texts(classes))}");
        if (meta.FeatureNames is { } features) Line("features", $"{features.Count}: {string.Join(", ", Inert.Texts(features))}");
        else if (meta.Architecture is { } arch) Line("features", $"{arch.Sizes[0]} inputs (no names)");
        if (meta.Schema is { } s)
            Line("columns", $"{s.Columns.Count} ({(s.HasHeader ? "header" : "no header")}, separator {Separator(s.Separator)}; target column {s.TargetColumn})");
        if (meta.Schema?.Encoders is { } encoders)
            foreach (var (column, kind, encoding) in Preprocessing.ColumnEncoding.Restore(encoders).Describe())
                Line("column", $"{Inert.Text(column)}: {kind.ToString().ToLowerInvariant()}, {Inert.Text(encoding)}");
        if (meta.Scaler is { } scaler) Line("scaler", $"{scaler.Kind} ({scaler.Offsets.Length} features)");
        else if (meta.Architecture is not null) Line("scaler", "none: the model takes the features as they are");
        if (meta.TargetScaler is { } ts)
            Line("target scaler", $"{ts.Kind} (" + string.Join("; ", ts.Offsets.Select((mean, j) => $"mean {mean.ToString("G5", c)}, sd {ts.Scales[j].ToString("G5", c)}")) + ")");
        if (meta.Training.Count > 0) Line("training", string.Join(", ", meta.Training.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Inert.Text(p.Key)} {Inert.Text(p.Value)}")));
        Line("version", meta.Version is { } v ? $"Backprop {v}" : "unknown");
        output.WriteLine("tensors");
        int width = file.Tensors.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
        var parameters = model is not null ? ModelFile.StateNames(model)
            : meta.Architecture?.TensorNames().ToDictionary(p => p.Tensor, p => p.Parameter + (p.Parameter.EndsWith(".w", StringComparison.Ordinal) ? " transposed" : ""));
        foreach (var t in file.Tensors)
        {
            string shape = $"[{string.Join(", ", t.Shape)}]";
            string parameter = parameters?.GetValueOrDefault(t.Name) is { } p ? $"{shape,-10}  {p}" : shape;
            output.WriteLine(Inert.Text($"  {t.Name.PadRight(width)}  {t.DType}  {parameter}".TrimEnd()));
        }
        return BackpropCli.Success;
    }

    // The module tree, one module a line: its registered type and settings, children indented under it.
    private static void Modules(TextWriter output, Nn.ModuleSpec spec, string label, int depth)
    {
        string config = spec.Config.Count == 0 ? "" : " " + string.Join(", ", spec.Config.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"));
        output.WriteLine(Inert.Text($"{label,-14}{new string(' ', 2 * depth)}{spec.Type}{config}"));
        foreach (var child in spec.Children) Modules(output, child, "", depth + 1);
    }

    private static string Separator(string s) => s switch { "\t" => "tab", ModelSeparators.Whitespace => "whitespace", _ => $"'{s}'" };
}

file static class ModelSeparators
{
    public const string Whitespace = Backprop.Data.CsvOptions.Whitespace;
}

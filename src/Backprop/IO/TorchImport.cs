using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// A bare PyTorch state dict saved with safetensors (<c>save_file(model.state_dict(), path)</c> for an <c>nn.Sequential</c> of
/// <c>Linear</c>, activation, <c>Linear</c>, ...) turned into a Backprop model with the metadata the file lacks (<see cref="TorchImportOptions"/>):
/// the architecture and its loss, the task, class and feature names and a column layout. It has no scaler: the model takes
/// the features as the PyTorch network did (normalisation done in Python must be folded into the first <c>Linear</c>).
/// </summary>
public static class TorchImport
{
    /// <summary>PyTorch's state-dict file read through the checked safetensors reader, as a model with its metadata (F16 and BF16 widened).</summary>
    /// <exception cref="BackpropException">The options do not fit together (a setting), or the file is not safetensors, or a tensor is
    /// missing, extra, of another shape than the options imply or of a dtype other than F32, F64, F16 or BF16 (bad input, naming the tensor).</exception>
    public static LoadedModel<T> Load<T>(string path, TorchImportOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var metadata = MetadataOf(options, path);
        var file = SafetensorsFile.Open(path); // the weights go into the model a chunk at a time from the file
        return Build<T>(file, AffineAsStored(metadata, file), path);
    }

    /// <summary>Reads <paramref name="torchPath"/> as <see cref="Load{T}"/> does and saves it as a Backprop model file (F64 when the file is, else F32); returns the metadata written.</summary>
    /// <exception cref="BackpropException">As for <see cref="Load{T}"/>, or the model file cannot be written.</exception>
    public static ModelMetadata Convert(string torchPath, TorchImportOptions options, string modelPath)
    {
        var (save, metadata) = Converted(torchPath, MetadataOf(options, torchPath));
        save(modelPath);
        return metadata;
    }

    // The model built from the file, to be saved once the file's bytes are no longer held (the file stays in this method's scope only).
    private static (Action<string> Save, ModelMetadata Metadata) Converted(string torchPath, ModelMetadata described)
    {
        var file = SafetensorsFile.Open(torchPath);
        var metadata = AffineAsStored(described, file);
        if (ModelFile.DTypeOf(file) == "F64")
        {
            var wide = Build<double>(file, metadata, torchPath);
            return (path => Save(wide, path), metadata);
        }
        var narrow = Build<float>(file, metadata, torchPath);
        return (path => Save(narrow, path), metadata);
    }

    // A BatchNorm1d(affine=False) stores no weight or bias: each batch norm is affine when the file holds its weight.
    private static ModelMetadata AffineAsStored(ModelMetadata metadata, SafetensorsFile file)
    {
        var architecture = metadata.Architecture!;
        if (architecture.BatchNorm is not { } norms) return metadata;
        var indices = architecture.TorchIndices();
        return metadata with
        {
            Architecture = architecture with
            {
                BatchNorm = [.. norms.Select((n, k) => n is null ? null : n with { Affine = file.Find($"{(indices[k] + 1).ToString(CultureInfo.InvariantCulture)}.weight") is not null })],
            },
        };
    }

    private static LoadedModel<T> Build<T>(SafetensorsFile file, ModelMetadata metadata, string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(TorchLayout.FromTensors<T>(file, metadata.Architecture!, path), metadata, ModelFile.DTypeOf(file));

    private static void Save<T>(LoadedModel<T> loaded, string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        ModelFile.Save(path, loaded.Model, loaded.Metadata with { Version = ModelMetadata.LibraryVersion });

    // The metadata the options describe: architecture and loss, task, class and feature names, column layout; a setting error
    // for sizes or names that do not fit the inputs or outputs, or a task that does not fit the outputs.
    private static ModelMetadata MetadataOf(TorchImportOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sizes = options.Sizes;
        if (sizes.Count < 2 || sizes.Any(s => s < 1)) throw BackpropException.BadSetting($"layer sizes {string.Join("-", sizes)}: at least an input and an output size, each at least 1, are needed.");
        if (!options.Hidden.IsElementwise) throw BackpropException.BadSetting($"{options.Hidden} is not a hidden activation (it does not act on each value alone).");
        int inputs = sizes[0], outputs = sizes[^1];
        var (task, loss, classes) = TaskOf(options, outputs);
        var architecture = Architecture.Mlp(sizes, options.Hidden, Activation.Identity, loss) with
        {
            BatchNorm = options.BatchNorm && sizes.Count > 2 ? [.. Enumerable.Range(0, sizes.Count - 1).Select(k => k < sizes.Count - 2 ? new BatchNormSpec() : null)] : null,
        };
        var features = options.FeatureNames;
        if (features is not null)
        {
            if (features.Contains("")) throw BackpropException.BadSetting($"feature name {features.ToList().IndexOf("") + 1} is empty; give every input a name.");
            if (features.Count != inputs) throw BackpropException.BadSetting($"{features.Count} feature names for {inputs} inputs (the first layer size); give one name per input.");
            if (Duplicate(features) is { } twice) throw BackpropException.BadSetting($"feature name \"{twice}\" is given twice.");
            if (features.Contains(options.TargetName)) throw BackpropException.BadSetting($"feature name \"{options.TargetName}\" is also the target's name; give the target another (--target).");
            if (task == TaskKind.Regression && outputs > 1)
                throw BackpropException.BadSetting($"feature names make a column layout, which has one target column, but this regression has {outputs} outputs (the last layer size); "
                    + "leave the feature names out (no column layout: the model predicts from C#), or import a network with one output.");
        }
        if (classes is not null && classes.Contains("")) throw BackpropException.BadSetting($"class name {classes.ToList().IndexOf("") + 1} is empty; give every class a name.");
        if (classes is not null && Duplicate(classes) is { } same) throw BackpropException.BadSetting($"class name \"{same}\" is given twice.");
        return new ModelMetadata
        {
            Architecture = architecture, Task = task, ClassNames = classes, FeatureNames = features,
            TargetName = features is null ? null : options.TargetName,
            Schema = features is null ? null
                : new TabularSchema([.. features, options.TargetName], true, ",", features.Count, [.. Enumerable.Range(0, features.Count)], task, classes),
            Training = new Dictionary<string, string> { ["imported_from"] = $"PyTorch state dict {Path.GetFileName(path)}" },
        };
    }

    // Regression: values, mean squared error. Classification: softmax over one logit per class, or for one output a sigmoid over
    // the second class's logit; one output without a task or class names could be either, so it is refused.
    private static (TaskKind Task, string Loss, IReadOnlyList<string>? Classes) TaskOf(TorchImportOptions options, int outputs)
    {
        var given = options.ClassNames;
        var task = options.Task ?? (given is not null || outputs > 1 ? (outputs == 1 ? TaskKind.Binary : TaskKind.Classification)
            : throw BackpropException.BadSetting("the network has one output: say whether it is a value (task regression) or a binary classifier's logit (task binary, or two class names)."));
        switch (task)
        {
            case TaskKind.Regression:
                if (given is not null) throw BackpropException.BadSetting("class names were given for a regression; leave them out or choose a classification task.");
                return (TaskKind.Regression, "mse", null);
            case TaskKind.Binary:
                if (outputs != 1) throw BackpropException.BadSetting($"a binary classifier has one output (a logit for BCEWithLogitsLoss); the last layer has {outputs}: give the task classification for one logit per class.");
                if (given is { Count: not 2 }) throw BackpropException.BadSetting($"{given.Count} class names for a binary classifier; it needs two (the first for logit < 0, the second for logit > 0).");
                return (TaskKind.Binary, "bce_logits", given ?? ["0", "1"]);
            default:
                if (outputs == 1) return TaskOf(options with { Task = TaskKind.Binary }, outputs);
                if (given is not null && given.Count != outputs) throw BackpropException.BadSetting($"{given.Count} class names for {outputs} outputs (the last layer size); give one name per output.");
                return (TaskKind.Classification, "softmax_ce", given ?? [.. Enumerable.Range(0, outputs).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        }
    }

    private static string? Duplicate(IReadOnlyList<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
}

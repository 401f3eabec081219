using System.Numerics;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>A model read from a file, with its metadata (whose <see cref="ModelMetadata.Architecture"/> is the one used to build it).</summary>
/// <param name="Model">The rebuilt network.</param>
/// <param name="Metadata">Everything else the file says.</param>
/// <param name="FileDType">The dtype of the file's values (<c>F32</c> or <c>F64</c>, see <see cref="ModelFile.DTypeOf"/>), whatever <c>T</c> was asked for.</param>
public sealed record LoadedModel<T>(Sequential<T> Model, ModelMetadata Metadata, string FileDType) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Model files in the safetensors format with PyTorch's tensor names and layouts (see <see cref="Architecture.TorchIndices"/>),
/// so that PyTorch can load Backprop's files into the equivalent <c>nn.Sequential</c> and Backprop can load PyTorch's.
/// </summary>
public static class ModelFile
{
    /// <summary>
    /// Saves the model (F32 for float, F64 for double) and its metadata. The file is written to a temporary file in the same
    /// directory and renamed, so it is never seen half-written.
    /// </summary>
    /// <exception cref="Errors.BackpropException">The file cannot be written (its directory does not exist, permission, a full device); nothing is written.</exception>
    /// <exception cref="ArgumentException">The model is not a stack of Dense layers (each optionally with batch norm), or disagrees with <paramref name="metadata"/>'s architecture.</exception>
    public static void Save<T>(string path, Sequential<T> model, ModelMetadata? metadata = null) where T : unmanaged, IFloatingPointIeee754<T>
        => AtomicFile.Write(path, Encode(path, model, metadata).Write);

    /// <summary>
    /// Writes the same bytes as <see cref="Save{T}"/> to <paramref name="stream"/> (an entry of an archive, memory); <paramref name="name"/>
    /// names the model in errors. <see cref="Read{T}"/> reads them back.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Save{T}"/>; nothing is written.</exception>
    public static void Write<T>(Stream stream, Sequential<T> model, ModelMetadata? metadata = null, string name = "model") where T : unmanaged, IFloatingPointIeee754<T>
        => Encode(name, model, metadata).Write(stream);

    // The safetensors file of a model: its modules (type, settings, children), its state dict by PyTorch's names, and the architecture
    // as older releases wrote it when the model is a stack of Dense layers; checked against the metadata; path names it in errors.
    private static SafetensorsFile Encode<T>(string path, Sequential<T> model, ModelMetadata? metadata) where T : unmanaged, IFloatingPointIeee754<T>
    {
        metadata ??= new ModelMetadata();
        var modules = Layers.Describe(model);
        string? loss = metadata.Loss ?? metadata.Architecture?.Loss;
        var architecture = Architecture.TryOf(model, loss);
        if (Contradiction(model, metadata) is { } contradiction) throw new ArgumentException($"{path}: the metadata's {contradiction}.");
        int inputs = model.InputWidth ?? throw new ArgumentException($"{path}: the model {model} does not say how many inputs it takes, so it cannot be saved."), outputs = model.OutputWidth(inputs);
        if (metadata.ClassNames is { } classes && classes.Count != outputs && !(classes.Count == 2 && outputs == 1))
            throw new ArgumentException($"{path}: {classes.Count} class names for a model with {outputs} outputs.");
        if (metadata.FeatureNames is { } features && features.Count != inputs)
            throw new ArgumentException($"{path}: {features.Count} feature names for a model with {inputs} inputs.");
        var file = new SafetensorsFile(ModuleState.ToTensors(model), MetadataCodec.Encode(metadata with { Modules = modules, Loss = loss }, architecture));
        file.CheckReadable(path); // its header and metadata as the reader checks them: never write what cannot be read back
        try { MetadataCodec.Decode(file.Metadata, path); }
        catch (BackpropException e) { throw BackpropException.BadInput($"{e.Message.TrimEnd('.')}: not written, since it could not be read back.", e); }
        return file;
    }

    /// <summary>
    /// Loads a model as <typeparamref name="T"/> (converting from the file's dtype if it differs). The architecture comes from
    /// the file's metadata, or from <paramref name="architecture"/> when given (needed for a file PyTorch wrote, which carries only tensors).
    /// </summary>
    /// <exception cref="BackpropException">Missing, not a regular file, not safetensors, truncated, no architecture, a tensor missing, extra,
    /// of the wrong shape or of an unsupported dtype, a value not finite, metadata that does not fit the architecture; the message names the file and tensor or key.</exception>
    public static LoadedModel<T> Load<T>(string path, Architecture? architecture = null) where T : unmanaged, IFloatingPointIeee754<T>
        => Build<T>(SafetensorsFile.Open(path), path, architecture);

    /// <summary>Loads a model from the bytes of a model file (as <see cref="Write{T}"/> gives them), checked as <see cref="Load{T}"/> checks a file;
    /// <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="BackpropException">As for <see cref="Load{T}"/>.</exception>
    public static LoadedModel<T> Read<T>(byte[] bytes, string name, Architecture? architecture = null) where T : unmanaged, IFloatingPointIeee754<T>
        => Build<T>(SafetensorsFile.Parse(bytes, name), name, architecture);

    private static LoadedModel<T> Build<T>(SafetensorsFile file, string path, Architecture? architecture) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var metadata = MetadataCodec.Decode(file.Metadata, path);
        if (architecture is null && metadata.Modules is { } modules) return new LoadedModel<T>(FromModules<T>(file, metadata, modules, path), metadata, DTypeOf(file));
        var used = architecture ?? metadata.Architecture
            ?? throw BackpropException.BadInput($"{path}: no Backprop architecture in __metadata__ (written by another tool?); for a PyTorch state dict, give its layer sizes and activation "
                + "(backprop import --torch FILE --layers 4-64-3 --activation relu, or TorchImport).");
        Check(metadata, used, path);
        var model = TorchLayout.FromTensors<T>(file, used, path);
        return new LoadedModel<T>(model, metadata with { Architecture = used }, DTypeOf(file));
    }

    // The model its modules describe, its state loaded from the file; at most as many values are allocated as the file holds (and one layer's budget).
    private static Sequential<T> FromModules<T>(SafetensorsFile file, ModelMetadata metadata, ModuleSpec modules, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Module<T> built;
        try { built = Layers.Build<T>(modules, maxValues: file.Tensors.Sum(t => t.ElementCount)); }
        catch (FormatException e) { throw BackpropException.BadInput($"{path}: __metadata__ \"modules\" is not valid: {e.Message.TrimEnd('.')}.", e); }
        if (built is not Sequential<T> model) throw BackpropException.BadInput($"{path}: __metadata__ \"modules\" describes a {modules.Type}, not a sequential model.");
        if (model.InputWidth is not int inputs) throw BackpropException.BadInput($"{path}: the model {model} does not say how many inputs it takes.");
        int outputs;
        try { outputs = model.OutputWidth(inputs); _ = model.CreateStep(inputs, 1); }
        catch (ArgumentException e) { throw BackpropException.BadInput($"{path}: the modules do not fit together: {e.Message}", e); }
        if (Contradiction(model, metadata) is { } contradiction) throw BackpropException.BadInput($"{path}: __metadata__ \"modules\" and \"architecture\" disagree: the {contradiction}.");
        ModuleState.Load(model, file, path, metadata.Loss);
        MetadataChecks.Check(metadata, inputs, outputs, ModuleState.Described(model, metadata.Loss), path);
        return model;
    }

    // Where the metadata's architecture (written beside the modules for a stack of Dense layers) is not the model's: "architecture X is not
    // the model's Y"; null when it agrees or is absent.
    private static string? Contradiction<T>(Sequential<T> model, ModelMetadata metadata) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (metadata.Architecture is not { } given) return null;
        var architecture = Architecture.TryOf(model, metadata.Loss ?? given.Loss);
        bool agrees = architecture is not null && given.Sizes.SequenceEqual(architecture.Sizes) && given.Activations.SequenceEqual(architecture.Activations)
            && (given.BatchNorm is not { } norms || norms.SequenceEqual(architecture.BatchNorm ?? [.. norms.Select(_ => (BatchNormSpec?)null)]));
        return agrees ? null : $"architecture {given} is not the model's {architecture?.ToString() ?? model.ToString()}";
    }

    /// <summary>The metadata of a model file, read from its header alone (the values neither read nor checked): for what a command prints about a file it has used.</summary>
    /// <exception cref="BackpropException">Missing, not safetensors, a header or metadata that does not parse.</exception>
    internal static ModelMetadata ReadMetadata(string path) => MetadataCodec.Decode(SafetensorsFile.ReadHeader(path).Metadata, path);

    /// <summary>The tensors (names, dtypes, shapes) and metadata of a model file, checked as for loading but without building the model: for <c>info</c>.
    /// The tensors hold their bytes (the file read whole), so the result outlives any later change of the file.</summary>
    /// <exception cref="BackpropException">As for <see cref="Load{T}"/>, except that the tensors are not matched to the architecture.</exception>
    public static (SafetensorsFile File, ModelMetadata Metadata) Inspect(string path) => Inspect(SafetensorsFile.Read(path), path, out _);

    /// <summary>As <see cref="Inspect(string)"/>, with the model its module list builds (as float), or null for a file without one:
    /// built once, in half the memory of double, for <c>info</c> to describe. The values are checked and the model built a chunk at a time
    /// from the file, whose tensors' bytes are not held (<see cref="SafetensorsFile.Open"/>): use the result's names, dtypes and shapes.</summary>
    internal static (SafetensorsFile File, ModelMetadata Metadata) Inspect(string path, out Sequential<float>? model) => Inspect(SafetensorsFile.Open(path), path, out model);

    private static (SafetensorsFile File, ModelMetadata Metadata) Inspect(SafetensorsFile file, string path, out Sequential<float>? model)
    {
        model = null;
        var metadata = MetadataCodec.Decode(file.Metadata, path);
        if (metadata.Modules is { } modules) model = FromModules<float>(file, metadata, modules, path);
        else if (metadata.Architecture is { } architecture)
        {
            Check(metadata, architecture, path);
            TorchTensorCheck.Check(file, architecture, path); // the tensors the architecture implies, each there with its shape, named when not
        }
        return (file, metadata);
    }

    /// <summary>Each state dict name of <paramref name="model"/> (<c>0.weight</c>) beside the library's name for it (<c>layer1.w transposed</c>,
    /// <c>layer2.running_mean</c>).</summary>
    public static IReadOnlyDictionary<string, string> StateNames<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        model.StateDictWithLibraryNames().ToDictionary(s => s.Name, s => s.LibraryName + (s.Entry is TensorState<T> { Transposed: true } ? " transposed" : ""));

    /// <summary>The dtype a model file's values load as: <c>F64</c> or <c>F32</c> (see <see cref="DTypeOf"/>), so a caller can pick double or float.</summary>
    public static string DType(string path) => DTypeOf(SafetensorsFile.Open(path)); // checked a chunk at a time: no copy of the weights

    /// <summary>
    /// The dtype of a file's values, from its floating-point tensors only (a batch norm's I64 count says nothing): <c>F64</c> when any
    /// is F64, else <c>F32</c> (F16 and BF16 widen exactly to F32; a file without floating-point tensors is F32).
    /// </summary>
    public static string DTypeOf(SafetensorsFile file) =>
        file.Tensors.Any(t => t.DType == "F64") ? "F64" : "F32";

    // The architecture is sound and the metadata fits it.
    private static void Check(ModelMetadata metadata, Architecture architecture, string path)
    {
        try { architecture.Validate(path); }
        catch (ArgumentException e) { throw BackpropException.BadInput(e.Message, e); }
        MetadataChecks.Check(metadata, architecture, path);
    }
}

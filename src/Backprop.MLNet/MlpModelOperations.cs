using System.IO.Compression;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Backprop.MLNet;

/// <summary>
/// Saving and loading ML.NET models that hold <see cref="MlpTransformer"/>s. ML.NET lets only its own assemblies write a transformer's
/// state into a model .zip (<c>ModelSaveContext</c>'s writers and <c>LoadableClassAttribute</c> are internal); outside code can save a
/// CustomMapping, which records only a contract name. So <see cref="SaveWithBackprop"/> lets ML.NET write the .zip — every other
/// transformer as usual, each MLP as a CustomMapping placeholder — and adds each MLP's weights to the same .zip as a Backprop model file
/// (<c>backprop/mlp-0.safetensors</c>, ...); <see cref="LoadWithBackprop"/> loads the .zip with ML.NET and puts the trained MLPs back in
/// the placeholders' places. Predictions after loading equal those before, bit for bit.
/// </summary>
public static class MlpModelOperations
{
    private const string EntryPrefix = "backprop/mlp-", EntrySuffix = ".safetensors";

    /// <summary>
    /// Writes <paramref name="model"/> and <paramref name="inputSchema"/> as <c>mlContext.Model.Save</c> does, with the weights of every
    /// MLP in it, to <paramref name="filePath"/> (a temporary name, then renamed: never half-written).
    /// </summary>
    /// <exception cref="BackpropException">The file cannot be written (Input); nothing is written.</exception>
    public static void SaveWithBackprop(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        var bytes = new MemoryStream();
        catalog.Save(model, inputSchema, bytes);
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Update, leaveOpen: true))
        {
            int i = 0;
            foreach (var mlp in Mlps(model))
            {
                using var entry = zip.CreateEntry($"{EntryPrefix}{i++}{EntrySuffix}", CompressionLevel.Optimal).Open();
                mlp.Network.Write(entry);
            }
        }
        AtomicFile.Write(filePath, bytes.WriteTo);
    }

    /// <summary>
    /// Loads a model written by <see cref="SaveWithBackprop"/>, as <c>mlContext.Model.Load</c> does, with its MLPs trained as they were saved.
    /// </summary>
    /// <exception cref="BackpropException">Missing or not a regular file, or an MLP's weights missing or damaged (Input); the message names the file and entry.</exception>
    public static ITransformer LoadWithBackprop(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        byte[] bytes;
        using (var file = InputFile.OpenRead(filePath, "an ML.NET model (.zip)"))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        var networks = ReadNetworks(bytes, filePath);
        ITransformer loaded;
        using (MlpPlaceholder.AllowLoading()) loaded = catalog.Load(new MemoryStream(bytes, writable: false), out inputSchema);
        int next = 0;
        var model = Replace(loaded, () => next < networks.Count ? networks[next++]
            : throw BackpropException.BadInput($"{filePath}: the model holds more MLPs than the {networks.Count} weight entries ({EntryPrefix}N{EntrySuffix}) it carries."));
        if (next != networks.Count)
            throw BackpropException.BadInput($"{filePath}: {networks.Count} MLP weight entries for {next} MLPs in the model.");
        return model;
    }

    // The MLPs of a model, in the order ML.NET saves a chain: depth first, in chain order.
    private static IEnumerable<MlpTransformer> Mlps(ITransformer model) => model switch
    {
        MlpTransformer mlp => [mlp],
        IEnumerable<ITransformer> chain => chain.SelectMany(Mlps),
        _ => [],
    };

    // Each weight entry, as a trained transformer, in entry order.
    private static List<MlpTransformer> ReadNetworks(byte[] bytes, string path)
    {
        using var zip = OpenZip(bytes, path);
        var result = new List<MlpTransformer>();
        for (int i = 0; zip.GetEntry($"{EntryPrefix}{i}{EntrySuffix}") is { } entry; i++)
        {
            string name = $"{path}:{entry.FullName}";
            using var stream = entry.Open();
            var content = new MemoryStream();
            try { stream.CopyTo(content); }
            catch (InvalidDataException e) { throw BackpropException.BadInput($"{name}: cannot be unpacked: {e.Message}", e); }
            result.Add(MlpTransformer.From(Network<float>.Read(content.ToArray(), name), name));
        }
        return result;
    }

    private static ZipArchive OpenZip(byte[] bytes, string path)
    {
        try { return new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw BackpropException.BadInput($"{path}: not an ML.NET model (.zip): {e.Message}", e); }
    }

    // The model with each placeholder replaced by the next trained MLP; chains are rebuilt only where something changed, keeping each
    // transformer's scope (training, testing, scoring).
    private static ITransformer Replace(ITransformer model, Func<MlpTransformer> next)
    {
        if (model is CustomMappingTransformer<MlpPlaceholder.Row, MlpPlaceholder.Row>) return next();
        if (model is not TransformerChain<ITransformer> chain) return model;
        var parts = chain.ToArray();
        var replaced = parts.Select(t => Replace(t, next)).ToArray();
        if (replaced.SequenceEqual(parts)) return model;
        return new TransformerChain<ITransformer>(replaced, parts.Select(t => ScopeOf(chain, t)));
    }

    private static TransformerScope ScopeOf(TransformerChain<ITransformer> chain, ITransformer part) =>
        new[] { TransformerScope.Training, TransformerScope.Testing, TransformerScope.Scoring }
            .Where(scope => chain.GetModelFor(scope).Contains(part))
            .Aggregate(TransformerScope.None, (all, scope) => all | scope);
}

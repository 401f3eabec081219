using System.Globalization;
using System.IO.Compression;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
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
    /// <exception cref="BackpropException">Missing or not a regular file, larger than one array (about 2 GB), an MLP's weights missing, damaged or
    /// unpacking to more than <see cref="MaxEntryBytes"/>, or a part ML.NET cannot load (Input); the message names the file and entry.</exception>
    public static ITransformer LoadWithBackprop(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        byte[] bytes;
        using (var file = Backprop.Data.InputFile.OpenRead(filePath, "an ML.NET model (.zip)"))
        {
            if (file.Length > Array.MaxLength)
                throw BackpropException.BadInput(string.Create(CultureInfo.InvariantCulture, $"{filePath}: {file.Length:N0} bytes, more than the {Array.MaxLength:N0} an ML.NET model read into memory may have."));
            bytes = new byte[file.Length];
            try { file.ReadExactly(bytes); }
            catch (EndOfStreamException e) { throw BackpropException.BadInput($"{filePath}: the file became shorter while it was read.", e); }
        }
        var networks = ReadNetworks(bytes, filePath);
        ITransformer loaded;
        try
        {
            using (MlpPlaceholder.AllowLoading()) loaded = catalog.Load(new MemoryStream(bytes, writable: false), out inputSchema);
        }
        catch (Exception e) when (e is not (BackpropException or OutOfMemoryException))
        {
            throw BackpropException.BadInput($"{filePath}: ML.NET cannot load the model: {e.Message}", e);
        }
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

    /// <summary>
    /// The most bytes one MLP's weight entry may unpack to: three F64 values per parameter of a network at the parameter budget
    /// (<see cref="ParameterBudget.Limit"/>; batch norm's γ, β and running statistics add at most two values per Dense parameter) and
    /// a safetensors header of 100 MB, at most one array (about 2 GB). A zip claiming or unpacking to more is refused, not unpacked.
    /// </summary>
    public static long MaxEntryBytes => Math.Min(Array.MaxLength, ParameterBudget.Limit * 24 + 100_000_008);

    // Each weight entry, as a trained transformer, in entry order.
    private static List<MlpTransformer> ReadNetworks(byte[] bytes, string path)
    {
        using var zip = OpenZip(bytes, path);
        var result = new List<MlpTransformer>();
        for (int i = 0; zip.GetEntry($"{EntryPrefix}{i}{EntrySuffix}") is { } entry; i++)
        {
            string name = $"{path}:{entry.FullName}";
            result.Add(MlpTransformer.From(Network<float>.Read(Unpack(entry, name), name), name));
        }
        return result;
    }

    // The entry's bytes, refused when it says or turns out to hold more than MaxEntryBytes (the declared size can lie).
    private static byte[] Unpack(ZipArchiveEntry entry, string name)
    {
        long limit = MaxEntryBytes;
        if (entry.Length > limit) throw TooLarge(name, string.Create(CultureInfo.InvariantCulture, $"says it unpacks to {entry.Length:N0} bytes, more"), limit);
        try
        {
            using var stream = entry.Open();
            var content = new MemoryStream((int)Math.Min(entry.Length, limit));
            var buffer = new byte[81920];
            for (int n; (n = stream.Read(buffer)) > 0;)
            {
                if (content.Length + n > limit) throw TooLarge(name, "unpacks to more", limit);
                content.Write(buffer, 0, n);
            }
            return content.ToArray();
        }
        catch (InvalidDataException e) { throw BackpropException.BadInput($"{name}: cannot be unpacked: {e.Message}", e); }
    }

    private static BackpropException TooLarge(string name, string what, long limit) =>
        BackpropException.BadInput(string.Create(CultureInfo.InvariantCulture, $"{name}: {what} than the {limit:N0} bytes an MLP's weights at the parameter budget take ({ParameterBudget.Variable} sets another budget)."));

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

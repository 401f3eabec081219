using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Everything a training run needs to continue bit for bit, as one safetensors file: the model's parameters and batch-norm statistics
/// (<c>model.*</c>), the optimizer's state, rate and momentum (<c>optim.*</c>), the state of every <see cref="IStatefulCallback"/>
/// (<c>callback.i.*</c>, i counting those callbacks only), the shuffling and dropout generators (<c>rng.*</c>), the epoch's shuffled order and the position in it, and
/// the caller's own strings (<c>user.*</c>, e.g. the options the run started with). A SHA-256 of all of it, kept in the header, lets
/// <see cref="Load"/> refuse a damaged file. Made by <see cref="Trainer.Fit{T}"/> when <see cref="TrainOptions.Checkpoints"/> is set;
/// given back as <see cref="TrainOptions.ResumeFrom"/>.
/// </summary>
public sealed class Checkpoint
{
    private const string Format = "backprop-checkpoint/1";

    /// <summary>The header entry naming the run a checkpoint belongs to (kept by a resumed run), which rotation and <see cref="CheckpointDirectory.CheckOwnedBy"/> read.</summary>
    internal const string RunKey = "run";
    private readonly SafetensorsFile _file;

    private Checkpoint(SafetensorsFile file, string? path)
    {
        _file = file; Path = path;
        Epoch = Int(file.Metadata, "epoch", path);
        Step = Int(file.Metadata, "step", path);
        if (Epoch < 1 || Epoch == int.MaxValue || Step < 0) throw Bad(path, $"position epoch {Epoch}, step {Step} is impossible");
        RunId = file.Metadata.GetValueOrDefault(RunKey) ?? "";
    }

    /// <summary>The id of the run that wrote it (empty for a checkpoint of an older version): a resumed run keeps it, and deletes only its own checkpoints.</summary>
    public string RunId { get; }

    /// <summary>The epoch in progress (1-based) when the checkpoint was taken.</summary>
    public int Epoch { get; }

    /// <summary>Steps of <see cref="Epoch"/> already done (0: the epoch has not begun, its data not yet shuffled).</summary>
    public int Step { get; }

    /// <summary>The file it was read from or last written to, or null.</summary>
    public string? Path { get; private set; }

    /// <summary>Newer checkpoint files that were damaged and passed over by <see cref="CheckpointDirectory.Newest"/>, each with why.</summary>
    public IReadOnlyList<string> Skipped { get; internal set; } = [];

    /// <summary>The caller's strings saved with the run (<see cref="CheckpointOptions.Metadata"/>).</summary>
    public IReadOnlyDictionary<string, string> Metadata =>
        _file.Metadata.Where(m => m.Key.StartsWith("user.", StringComparison.Ordinal)).ToDictionary(m => m.Key[5..], m => m.Value);

    /// <summary>Writes the checkpoint atomically (temporary file, flush, rename) to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        AtomicFile.WriteNow(path, _file.Write);
        Path = path;
    }

    /// <summary>Reads and checks a checkpoint; a damaged, truncated or foreign file is refused with <see cref="BackpropException"/> (<see cref="ErrorKind.Input"/>).</summary>
    public static Checkpoint Load(string path)
    {
        var file = SafetensorsFile.Read(path, finiteValues: false); // refusals already name the path
        if (!file.Metadata.TryGetValue("format", out var format) || format != Format)
            throw Bad(path, $"not a Backprop checkpoint (format {format ?? "missing"}; expected {Format})");
        if (!file.Metadata.TryGetValue("checksum", out var sum) || sum != Checksum(file))
            throw Bad(path, "damaged: its SHA-256 checksum does not match its contents");
        return new Checkpoint(file, path);
    }

    /// <summary>Takes the run's state at <paramref name="run"/>'s position.</summary>
    internal static Checkpoint Capture<T>(Module<T> model, Optimizer<T> optimizer, ITrainingCallback[] callbacks, RunPosition run,
        IReadOnlyDictionary<string, string>? user) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = CultureInfo.InvariantCulture;
        var tensors = new List<SafetensorsTensor>();
        var meta = new Dictionary<string, string>
        {
            ["format"] = Format, ["dtype"] = DType<T>(), ["epoch"] = run.Epoch.ToString(c), ["step"] = run.Step.ToString(c),
            ["rows_per_step"] = run.Batching.Rows.ToString(c), ["steps_per_epoch"] = run.Batching.Steps.ToString(c),
            ["loss_sum"] = run.LossSum.ToString("R", c), ["correct"] = run.Correct.ToString(c), ["seen"] = run.Seen.ToString(c),
            ["skipped"] = run.Skipped.ToString(c), ["optim.steps"] = optimizer.Steps.ToString(c), ["optim.lr"] = optimizer.LearningRate.ToString("R", c),
            ["optim.momentum"] = optimizer.CyclicMomentum?.ToString("R", c) ?? "",
            [RunKey] = run.RunId,
        };
        foreach (var (name, p) in model.NamedParameters()) tensors.Add(Values($"model.{name}", p.Span));
        foreach (var (name, entry) in model.StateDict()) // buffers and counters: the state that is not a parameter
        {
            if (entry is TensorState<T> { IsBuffer: true } buffer) tensors.Add(Values($"state.{name}", buffer.Value.Span));
            if (entry is CounterState counter) tensors.Add(SafetensorsTensor.FromInt64s($"state.{name}", [1], [counter.Get()]));
        }
        foreach (var (path, module) in ModuleTree.Walk(model))
            if (module.Generator is { } rng) tensors.Add(Words($"rng.{path}", rng.SaveState()));
        var state = optimizer.State().Buffers;
        meta["optim.buffers"] = string.Join(",", state.Keys); // by name: an optimizer's state may hold buffers a fresh one has not made yet (L-BFGS's history)
        foreach (var (name, buffers) in state)
        {
            meta[$"optim.{name}"] = buffers.Length.ToString(c);
            for (int k = 0; k < buffers.Length; k++) tensors.Add(Values<T>($"optim.{name}.{k}", buffers[k]));
        }
        var stateful = callbacks.OfType<IStatefulCallback>().ToArray();
        for (int i = 0; i < stateful.Length; i++)
        {
            meta[$"callback.{i}"] = stateful[i].Name;
            foreach (var (key, values) in stateful[i].SaveState())
                tensors.Add(SafetensorsTensor.FromValues($"callback.{i}.{key}", "F64", [values.Length], values));
        }
        tensors.Add(Words("rng.shuffle", run.Shuffle.SaveState()));
        tensors.Add(new SafetensorsTensor("order", "I32", [run.Order.Length], MemoryMarshal.AsBytes(run.Order.AsSpan()).ToArray()));
        foreach (var (key, value) in user ?? new Dictionary<string, string>()) meta[$"user.{key}"] = value;
        var file = new SafetensorsFile(tensors, meta);
        meta["checksum"] = Checksum(file);
        file.CheckReadable("the checkpoint"); // never written if it could not be read back
        return new Checkpoint(file, null);
    }

    /// <summary>Puts the state back into a run set up as the saved one was (after its callbacks' <c>OnTrainBegin</c>); returns the position.</summary>
    internal RunPosition Restore<T>(Module<T> model, Optimizer<T> optimizer, ITrainingCallback[] callbacks, int rows, (int Rows, int Steps) batching, Rng shuffle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_file.Metadata["dtype"] != DType<T>()) throw Bad(Path, $"holds {_file.Metadata["dtype"]} values; this run trains in {DType<T>()}");
        foreach (var (name, p) in model.NamedParameters()) Read($"model.{name}", p.Span);
        foreach (var (name, entry) in model.StateDict())
        {
            if (entry is TensorState<T> { IsBuffer: true } buffer) Read($"state.{name}", buffer.Value.Span);
            if (entry is not CounterState counter) continue;
            long tracked = Tensor($"state.{name}", "I64", 1).ToInt64s()[0];
            counter.Set(tracked >= 0 ? tracked : throw Bad(Path, $"tensor \"state.{name}\" is {tracked}; a count is never negative"));
        }
        foreach (var (path, module) in ModuleTree.Walk(model))
            if (module.Generator is { } rng) rng.LoadState(ReadWords($"rng.{path}"));
        var buffers = Text(_file.Metadata, "optim.buffers", Path).Split(',', StringSplitOptions.RemoveEmptyEntries).ToDictionary(name => name,
            name => Enumerable.Range(0, Count(_file.Metadata, $"optim.{name}", Path)).Select(k => ReadAll<T>($"optim.{name}.{k}")).ToArray());
        var meta = _file.Metadata;
        try
        {
            optimizer.LoadState(new OptimizerState<T>(Long(meta, "optim.steps", Path), buffers));
            optimizer.LearningRate = Number(meta, "optim.lr", Path);
            if (meta["optim.momentum"].Length > 0) optimizer.CyclicMomentum = Number(meta, "optim.momentum", Path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { throw Bad(Path, $"its optimizer state does not fit this run ({e.Message})"); }
        var stateful = callbacks.OfType<IStatefulCallback>().ToArray();
        int count = meta.Keys.Count(k => k.StartsWith("callback.", StringComparison.Ordinal));
        string[] saved = [.. Enumerable.Range(0, count).Select(i => Text(meta, $"callback.{i}", Path))];
        if (saved.Any(name => name.Any(char.IsUpper))) // CLR type names (StepLR, EarlyStopping), written before callbacks had registered names
            throw Bad(Path, $"it names its schedules and watchers by CLR type ([{string.Join(", ", saved)}]), as Backprop did before they had registered names; it cannot be resumed: start the run again");
        if (!saved.SequenceEqual(stateful.Select(c => c.Name)))
            throw Bad(Path, $"the run's schedules and watchers were [{string.Join(", ", saved)}]; this run's are [{string.Join(", ", stateful.Select(c => c.Name))}]");
        for (int i = 0; i < stateful.Length; i++)
        {
            string prefix = $"callback.{i}.";
            var state = _file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Name[prefix.Length..], t => t.ToDoubles(Path ?? ""));
            try { stateful[i].LoadState(state); }
            catch (ArgumentException e) { throw Bad(Path, e.Message.TrimEnd('.')); }
        }
        shuffle.LoadState(ReadWords("rng.shuffle"));
        var order = MemoryMarshal.Cast<byte, int>(Tensor("order", "I32", rows).Data.Span).ToArray();
        CheckPermutation(order);
        var shape = (Int(meta, "rows_per_step", Path), Int(meta, "steps_per_epoch", Path));
        if (shape != batching)
            throw Bad(Path, $"the run took {shape.Item1} rows a step and {shape.Item2} steps an epoch; this one takes {batching.Rows} and {batching.Steps} (another batch size, drop-last or optimizer): resume with the run's own settings");
        var position = new RunPosition(Epoch, Step, shuffle, order)
        {
            Batching = batching, RunId = RunId.Length > 0 ? RunId : RunPosition.NewRunId(),
            LossSum = Number(meta, "loss_sum", Path), Correct = Long(meta, "correct", Path), Seen = Int(meta, "seen", Path), Skipped = Int(meta, "skipped", Path),
        };
        CheckCounters(position, optimizer);
        return position;
    }

    // The order must name each of the epoch's rows exactly once: a repeated row would be trained twice and another never.
    private void CheckPermutation(int[] order)
    {
        var seen = new bool[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            if ((uint)i >= (uint)order.Length) throw Bad(Path, $"the shuffled order names row {i} at position {k}, outside the {order.Length} training rows");
            if (seen[i]) throw Bad(Path, $"the shuffled order names row {i} twice (again at position {k}); it must be a permutation of the {order.Length} training rows");
            seen[i] = true;
        }
    }

    // Each counter within what the position allows: the step within its epoch, the epoch's sums within the rows of its steps done.
    private void CheckCounters<T>(RunPosition run, Optimizer<T> optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, steps) = run.Batching;
        if (Step > steps) throw Bad(Path, $"step {Step} does not lie in an epoch of {steps} steps");
        long most = (long)Step * rows;
        if (run.Seen < 0 || run.Seen > most) throw Bad(Path, $"\"seen\" is {run.Seen}; {Step} steps of {rows} rows see 0 to {most}");
        if (run.Correct < 0 || run.Correct > run.Seen) throw Bad(Path, $"\"correct\" is {run.Correct}; it lies between 0 and the {run.Seen} rows seen");
        if (run.Skipped < 0 || run.Skipped > Step) throw Bad(Path, $"\"skipped\" is {run.Skipped}; it lies between 0 and the {Step} steps done");
        if (!double.IsFinite(run.LossSum) || (run.Seen == 0 && run.LossSum != 0)) throw Bad(Path, $"\"loss_sum\" is {run.LossSum} after {run.Seen} rows");
        if (optimizer.Steps < 0) throw Bad(Path, $"\"optim.steps\" is {optimizer.Steps}; a count is never negative");
        if (!double.IsFinite(optimizer.LearningRate) || optimizer.LearningRate < 0) throw Bad(Path, $"\"optim.lr\" is {optimizer.LearningRate}; a learning rate is a finite number, not negative");
        if (optimizer.CyclicMomentum is { } m && !double.IsFinite(m)) throw Bad(Path, $"\"optim.momentum\" is {m}; it must be finite");
    }

    private static string DType<T>() => typeof(T) == typeof(double) ? "F64" : typeof(T) == typeof(float) ? "F32"
        : throw new NotSupportedException($"Checkpoints hold float or double values, not {typeof(T).Name}.");

    private static SafetensorsTensor Values<T>(string name, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
        => new(name, DType<T>(), [values.Length], MemoryMarshal.AsBytes(values).ToArray());

    private static SafetensorsTensor Words(string name, ulong[] state) => SafetensorsTensor.FromInt64s(name, [state.Length], [.. state.Select(w => (long)w)]);

    private SafetensorsTensor Tensor(string name, string dtype, int count)
    {
        var t = _file.Find(name) ?? throw Bad(Path, $"tensor \"{name}\" is missing: the checkpoint is of another model or run");
        if (t.DType != dtype || t.ElementCount != count)
            throw Bad(Path, $"tensor \"{name}\" is {t.DType} [{string.Join(", ", t.Shape)}]; this run needs {dtype} [{count}]");
        return t;
    }

    private void Read<T>(string name, Span<T> into) where T : unmanaged, IFloatingPointIeee754<T>
        => MemoryMarshal.Cast<byte, T>(Tensor(name, DType<T>(), into.Length).Data.Span).CopyTo(into);

    private T[] ReadAll<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = _file.Find(name) ?? throw Bad(Path, $"tensor \"{name}\" is missing");
        return MemoryMarshal.Cast<byte, T>(Tensor(name, DType<T>(), (int)t.ElementCount).Data.Span).ToArray();
    }

    private ulong[] ReadWords(string name) => [.. Tensor(name, "I64", 6).ToInt64s().Select(w => (ulong)w)];

    // SHA-256 of every tensor's name, dtype and bytes, and every metadata entry but the checksum itself, in a fixed order.
    internal static string Checksum(SafetensorsFile file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var t in file.Tensors.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{t.Name}\0{t.DType}\0{string.Join(",", t.Shape)}\0"));
            hash.AppendData(t.Data.Span);
        }
        foreach (var (key, value) in file.Metadata.Where(m => m.Key != "checksum").OrderBy(m => m.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{key}\0{value}\0"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Text(IReadOnlyDictionary<string, string> meta, string key, string? path) =>
        meta.TryGetValue(key, out var v) ? v : throw Bad(path, $"__metadata__ has no \"{key}\"");

    private static int Int(IReadOnlyDictionary<string, string> meta, string key, string? path) =>
        int.TryParse(Text(meta, key, path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Bad(path, $"__metadata__ \"{key}\" is not a whole number");

    private static int Count(IReadOnlyDictionary<string, string> meta, string key, string? path)
    {
        int n = Int(meta, key, path);
        return n is >= 0 and <= 1024 ? n : throw Bad(path, $"__metadata__ \"{key}\" is {n}; a count of buffers lies between 0 and 1024");
    }

    private static long Long(IReadOnlyDictionary<string, string> meta, string key, string? path) =>
        long.TryParse(Text(meta, key, path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Bad(path, $"__metadata__ \"{key}\" is not a whole number");

    private static double Number(IReadOnlyDictionary<string, string> meta, string key, string? path) =>
        double.TryParse(Text(meta, key, path), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Bad(path, $"__metadata__ \"{key}\" is not a number");

    private static BackpropException Bad(string? path, string message) => BackpropException.BadInput($"{path ?? "checkpoint"}: {message}.");
}

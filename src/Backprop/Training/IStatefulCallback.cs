namespace Backprop.Training;

/// <summary>
/// A callback whose state steers the run — a schedule's position, a plateau's counters, early stopping's best value and weights — so
/// that a checkpoint saves it and a resumed run puts it back (right after <see cref="ITrainingCallback.OnTrainBegin"/>) and continues bit for bit.
/// </summary>
public interface IStatefulCallback : ITrainingCallback
{
    /// <summary>The name a checkpoint stores for this callback and checks on resume (a registered schedule's name, <c>early_stopping</c>); never a CLR type name, so renaming a class keeps checkpoints valid.</summary>
    string Name { get; }

    /// <summary>The state as named arrays of numbers (each value exact in a double).</summary>
    IReadOnlyDictionary<string, double[]> SaveState();

    /// <summary>Puts back a state taken by <see cref="SaveState"/>; throws <see cref="ArgumentException"/>, naming the entry, when it does not fit.</summary>
    void LoadState(IReadOnlyDictionary<string, double[]> state);

    /// <summary>The entry <paramref name="key"/> of <paramref name="state"/>, of <paramref name="length"/> values when given, or an error naming <paramref name="owner"/>.</summary>
    internal static double[] Entry(IReadOnlyDictionary<string, double[]> state, string key, string owner, int? length = 1) =>
        state.TryGetValue(key, out var values) && (length is null || values.Length == length) ? values
            : throw new ArgumentException($"{owner}: the saved state has no entry {key}{(length is { } n ? $" of {n} value(s)" : "")}.");
}

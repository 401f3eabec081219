using System.Numerics;
using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Preprocessing;

/// <summary>
/// The fitted encoders of a table's feature columns, in feature order: raw cells in, the network's input block out (each column's
/// inputs side by side). Fitted once on the training rows, saved in the model's schema (<see cref="TabularSchema.Encoders"/>), never refitted.
/// </summary>
internal sealed class ColumnEncoding
{
    private ColumnEncoding(ColumnEncoder[] encoders, string[] columns) => (Encoders, Columns) = (encoders, columns);

    /// <summary>One encoder per feature column.</summary>
    public IReadOnlyList<ColumnEncoder> Encoders { get; }

    /// <summary>The name of each encoder's column.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of inputs it makes of one row.</summary>
    public int Width => Encoders.Sum(e => e.Width);

    /// <summary>The inputs' names, in order.</summary>
    public string[] InputNames => [.. Encoders.SelectMany((e, j) => e.OutputNames(Columns[j]))];

    /// <summary>Whether each input is a measurement the feature scaler rescales (false for one-hot and indicator inputs).</summary>
    public bool[] Scaled => [.. Encoders.SelectMany(e => Enumerable.Range(0, e.Width).Select(e.Scaled))];

    /// <summary>The encoders as plain data.</summary>
    public IReadOnlyList<EncoderState> States => [.. Encoders.Select((e, j) => ColumnEncoders.State(e, Columns[j]))];

    /// <summary>Encoders of <paramref name="kinds"/> fitted on <paramref name="rows"/> of <paramref name="columns"/>.</summary>
    public static ColumnEncoding Fit(IReadOnlyList<RawColumn> columns, IReadOnlyList<ColumnKind> kinds, int[] rows, CsvOptions options, string file, Func<int, int, string> where)
    {
        var encoders = new ColumnEncoder[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            int column = j;
            try { encoders[j] = ColumnEncoders.For(kinds[j]).Fit(columns[j], rows, options, row => where(row, columns[column].Index)); }
            catch (FormatException e) { throw BackpropException.BadInput($"{file}: {e.Message}.", e); }
        }
        return new ColumnEncoding(encoders, [.. columns.Select(c => c.Name)]);
    }

    /// <summary>The encoding <paramref name="states"/> describe.</summary>
    /// <exception cref="FormatException">An encoder is unknown or its settings do not fit it.</exception>
    public static ColumnEncoding Restore(IReadOnlyList<EncoderState> states) =>
        new([.. states.Select(ColumnEncoders.Restore)], [.. states.Select(s => s.Column)]);

    /// <summary>
    /// The input block [rows, <see cref="Width"/>] of <paramref name="columns"/> (one per encoder, in order), row-major; the cells each column had
    /// never seen in training are counted into <paramref name="unseen"/> by column name.
    /// </summary>
    public T[] Encode<T>(IReadOnlyList<RawColumn> columns, int rows, Func<int, int, string> where, IDictionary<string, int>? unseen)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Width, offset = 0;
        var x = new double[(long)rows * width];
        for (int j = 0; j < Encoders.Count; j++)
        {
            int column = columns[j].Index;
            int count = Encoders[j].Encode(columns[j], x, width, offset, row => where(row, column));
            if (count > 0 && unseen is not null) unseen[Columns[j]] = unseen.TryGetValue(Columns[j], out int had) ? had + count : count;
            offset += Encoders[j].Width;
        }
        var values = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            values[i] = T.CreateTruncating(x[i]);
            if (!T.IsFinite(values[i]))
                throw BackpropException.BadInput($"{where(i / width, ColumnOf(i % width, columns))}: {Numbers.Format(x[i])} is beyond {Numbers.RangeOf<T>()}.");
        }
        return values;
    }

    private int ColumnOf(int input, IReadOnlyList<RawColumn> columns)
    {
        for (int j = 0; j < Encoders.Count; input -= Encoders[j++].Width)
            if (input < Encoders[j].Width) return columns[j].Index;
        return 0;
    }

    /// <summary>
    /// <paramref name="scaler"/> (fitted on the encoded inputs) with the inputs that are not measurements — one-hot levels, missing
    /// indicators — left as they are (offset 0, scale 1), so that they stay 0 or 1 and an unseen level reaches the network as zeros.
    /// </summary>
    public static Scaler KeepIndicators(Scaler scaler, IReadOnlyList<EncoderState>? states)
    {
        if (states is null) return scaler;
        var scaled = Restore(states).Scaled;
        if (scaled.Length != scaler.Features || scaled.All(s => s)) return scaler;
        var state = scaler.ToState();
        for (int j = 0; j < scaled.Length; j++)
            if (!scaled[j]) (state.Offsets[j], state.Scales[j]) = (0, 1);
        return Scaler.FromState(state);
    }

    /// <summary>"city category, size number": what each column was taken as.</summary>
    public string Kinds => string.Join(", ", Describe().Select(c => $"{c.Column} {c.Kind.ToString().ToLowerInvariant()}"));

    /// <summary>
    /// Adds one graph input per column, named as the column — strings [N, 1] for categories and true/false words ("" missing), floats
    /// [N, 1] for numbers (NaN missing), floats [N, 4] for a date's parts — and the encoders' nodes; returns the encoded block [N, <see cref="Width"/>].
    /// <paramref name="addInput"/> declares an input: its name, whether it holds strings, and its width.
    /// </summary>
    public string WriteOnnx(IOnnxEncoderGraph graph, Action<string, bool, int> addInput)
    {
        var blocks = new List<string>();
        for (int j = 0; j < Encoders.Count; j++)
        {
            var (strings, width) = Encoders[j].OnnxInput;
            addInput(Columns[j], strings, width);
            blocks.Add(Encoders[j].WriteOnnx(graph, Columns[j]));
        }
        return blocks.Count == 1 ? blocks[0] : graph.Node("Concat", blocks, ("axis", 1));
    }

    /// <summary>What each column was taken as and how it is encoded, one line each.</summary>
    public IEnumerable<(string Column, ColumnKind Kind, string Encoding)> Describe() =>
        Encoders.Select((e, j) => (Columns[j], e.Kind, e.Describe()));
}

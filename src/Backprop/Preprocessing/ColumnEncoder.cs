using Backprop.Data;

namespace Backprop.Preprocessing;

/// <summary>
/// Turns the raw cells of one column into inputs of the network, at the front of the model: fitted once on the training rows (levels,
/// fill values), saved in the model file as its registered <see cref="Name"/> and <see cref="Settings"/> record (<see cref="ColumnEncoders"/>),
/// and applied unchanged to every later row. An unfitted encoder (the registry's default settings) fits a new one.
/// </summary>
internal abstract class ColumnEncoder
{
    /// <summary>The registered name (<see cref="ColumnEncoders.Registry"/>), as model files store it.</summary>
    public abstract string Name { get; }

    /// <summary>The kind of column it encodes.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>The fitted settings record, which round-trips through JSON.</summary>
    public abstract object Settings { get; }

    /// <summary>The number of inputs it makes of one cell.</summary>
    public abstract int Width { get; }

    /// <summary>The names of its inputs for a column named <paramref name="column"/>.</summary>
    public abstract IEnumerable<string> OutputNames(string column);

    /// <summary>Whether input <paramref name="output"/> is a measurement the feature scaler rescales (false for 0/1 indicators, which stay 0 or 1).</summary>
    public virtual bool Scaled(int output) => true;

    /// <summary>A new encoder fitted on <paramref name="rows"/> of <paramref name="column"/>.</summary>
    /// <exception cref="FormatException">The column has no values in those rows (the message names it).</exception>
    public abstract ColumnEncoder Fit(RawColumn column, int[] rows, CsvOptions options, Func<int, string> where);

    /// <summary>Writes the <see cref="Width"/> inputs of every row of <paramref name="column"/> into <paramref name="x"/> (rows of
    /// <paramref name="stride"/> values, from <paramref name="offset"/>); returns how many cells it had never seen (all-zero inputs, or filled).
    /// <paramref name="where"/> names a row's cell in errors.</summary>
    public abstract int Encode(RawColumn column, Span<double> x, int stride, int offset, Func<int, string> where);

    /// <summary>The ONNX input of its column: strings (categories, true/false words; "" is missing) or floats (NaN is missing), and how many a row.</summary>
    public virtual (bool Strings, int Width) OnnxInput => (false, 1);

    /// <summary>Adds the nodes that turn the column's ONNX <paramref name="input"/> [N, <see cref="OnnxInput"/> width] into its <see cref="Width"/> inputs [N, Width], as <see cref="Encode"/> does.</summary>
    public abstract string WriteOnnx(IOnnxEncoderGraph graph, string input);

    /// <summary>x where it is a number, <paramref name="fill"/> (one per column) where it is NaN; then, with <paramref name="indicator"/>, a 0/1 column: whether the row had a NaN.</summary>
    protected static string OnnxFill(IOnnxEncoderGraph graph, string x, double[] fill, bool indicator)
    {
        string nan = graph.Node("IsNaN", [x]);
        string filled = graph.Node("Where", [nan, graph.Constant("fill", [.. fill.Select(v => (float)v)], 1, fill.Length), x]);
        if (!indicator) return filled;
        string missing = graph.Node("ReduceMax", [graph.Node("Cast", [nan], ("to", 1))], ("axes", new long[] { 1 }), ("keepdims", 1));
        return graph.Node("Concat", [filled, missing], ("axis", 1));
    }

    /// <summary>What it does, in a few words for <c>info</c> and <c>train</c>'s header.</summary>
    public abstract string Describe();

    /// <summary>The error for a column with no value in the training rows.</summary>
    protected static FormatException Empty(RawColumn column) =>
        new($"column \"{RecordTable.Shown(column.Name)}\" is empty in the training rows (every cell is missing); drop it");

    /// <summary>The fill value of the non-missing numbers among <paramref name="values"/>: their mean or median, or zero.</summary>
    protected static double Fill(List<double> values, Imputation how)
    {
        if (how == Imputation.Zero || values.Count == 0) return 0;
        if (how == Imputation.Mean) return values.Sum() / values.Count;
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

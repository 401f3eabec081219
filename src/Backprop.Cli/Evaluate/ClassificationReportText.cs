using System.Globalization;
using System.Text;

namespace Backprop.Cli.Evaluate;

/// <summary>Per-class precision, recall and F1, and the confusion matrix (rows: true class, columns: predicted class), as text.</summary>
internal sealed class ClassificationReport
{
    public ClassificationReport(int[] actual, int[] predicted, IReadOnlyList<string> classNames)
    {
        ClassNames = classNames;
        int k = classNames.Count;
        Confusion = new int[k, k];
        for (int i = 0; i < actual.Length; i++) Confusion[actual[i], predicted[i]]++;
    }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Counts: [true class, predicted class].</summary>
    public int[,] Confusion { get; }

    public int Support(int c) => Enumerable.Range(0, ClassNames.Count).Sum(p => Confusion[c, p]);

    public double Precision(int c) => Ratio(Confusion[c, c], Enumerable.Range(0, ClassNames.Count).Sum(t => Confusion[t, c]));

    public double Recall(int c) => Ratio(Confusion[c, c], Support(c));

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1(int c) => Precision(c) + Recall(c) is var sum && sum > 0 ? 2 * Precision(c) * Recall(c) / sum : 0;

    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        int k = ClassNames.Count, nameWidth = Math.Max(9, ClassNames.Max(n => n.Length));
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"{"class".PadRight(nameWidth)}  precision     recall         f1    support"));
        for (int i = 0; i < k; i++)
            text.AppendLine(string.Create(c, $"{ClassNames[i].PadRight(nameWidth)}  {Precision(i),9:F4}  {Recall(i),9:F4}  {F1(i),9:F4}  {Support(i),9}"));
        var all = Enumerable.Range(0, k).ToArray();
        text.AppendLine(string.Create(c, $"{"macro avg".PadRight(nameWidth)}  {all.Average(Precision),9:F4}  {all.Average(Recall),9:F4}  {all.Average(F1),9:F4}  {all.Sum(Support),9}"));
        text.AppendLine("confusion matrix (rows: true class, columns: predicted class)");
        int cell = Math.Max(ClassNames.Max(n => n.Length), Confusion.Cast<int>().Max().ToString(c).Length);
        text.AppendLine(new string(' ', nameWidth) + string.Concat(ClassNames.Select(n => "  " + n.PadLeft(cell))));
        for (int i = 0; i < k; i++)
            text.AppendLine(ClassNames[i].PadRight(nameWidth) + string.Concat(all.Select(p => "  " + Confusion[i, p].ToString(c).PadLeft(cell))));
        return text.ToString();
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}

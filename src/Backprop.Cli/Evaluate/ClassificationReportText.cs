using System.Globalization;
using System.Text;
using Backprop.Training;

namespace Backprop.Cli.Evaluate;

/// <summary>A <see cref="ClassificationReport"/> as text: per-class precision, recall, F1 and support, their macro average, and the confusion matrix.</summary>
internal static class ClassificationReportText
{
    public static string Format(ClassificationReport report, IReadOnlyList<string> classNames)
    {
        var c = CultureInfo.InvariantCulture;
        int k = report.Classes, nameWidth = Math.Max(9, classNames.Max(n => n.Length));
        var text = new StringBuilder();
        text.AppendLine(string.Create(c, $"{"class".PadRight(nameWidth)}  precision     recall         f1    support"));
        for (int i = 0; i < k; i++)
            text.AppendLine(string.Create(c, $"{classNames[i].PadRight(nameWidth)}  {report.Precision(i),9:F4}  {report.Recall(i),9:F4}  {report.F1(i),9:F4}  {report.Support(i),9}"));
        text.AppendLine(string.Create(c, $"{"macro avg".PadRight(nameWidth)}  {report.MacroPrecision,9:F4}  {report.MacroRecall,9:F4}  {report.MacroF1,9:F4}  {report.Total,9}"));
        text.AppendLine("confusion matrix (rows: true class, columns: predicted class)");
        var all = Enumerable.Range(0, k).ToArray();
        int cell = Math.Max(classNames.Max(n => n.Length), all.SelectMany(t => all.Select(p => report.Confusion(t, p))).Max().ToString(c).Length);
        text.AppendLine(new string(' ', nameWidth) + string.Concat(classNames.Select(n => "  " + n.PadLeft(cell))));
        for (int i = 0; i < k; i++)
            text.AppendLine(classNames[i].PadRight(nameWidth) + string.Concat(all.Select(p => "  " + report.Confusion(i, p).ToString(c).PadLeft(cell))));
        return text.ToString();
    }
}

using System.Text;
using Backprop.Data;

namespace Backprop.Tests.Preprocessing;

/// <summary>Tables of text, dates and empty cells, read from memory as a file named t.csv.</summary>
internal static class TableText
{
    /// <summary>city (text, one empty), size (numbers, one empty), day (ISO dates, one empty), open (true/false), label.</summary>
    public const string Mixed =
        "city,size,day,open,label\n" +
        "Oslo,1.5,2014-11-06,true,a\n" +
        "Bergen,2.5,2015-01-31,false,b\n" +
        ",3,2016-02-29,TRUE,a\n" +
        "Oslo,,2014-12-25,no,b\n" +
        "Tromso,5.5,,yes,a\n" +
        "Bergen,6,2020-07-04,false,b\n";

    public static TabularData<double> Load(string csv, CsvOptions? options = null) =>
        Csv.Load<double>(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", options ?? new CsvOptions { Target = "label" });

    public static TabularData<double> LoadLike(string csv, TabularSchema like) =>
        Csv.Load<double>(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", new CsvOptions(), like);

    public static (Backprop.Tensors.Tensor<double> X, Dictionary<string, int> Unseen) Features(string csv, TabularSchema schema)
    {
        var unseen = new Dictionary<string, int>();
        var (x, _) = Csv.LoadFeatures<double>(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", schema, new CsvOptions(), unseen);
        return (x, unseen);
    }

    public static double[] Row(TabularData<double> data, int row) => Row(data.Data.X, row);

    public static double[] Row(Backprop.Tensors.Tensor<double> x, int row) => x.ToArray().AsSpan(row * x.Shape[1], x.Shape[1]).ToArray();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Backprop.Playground.Tests.Fuzz;

/// <summary>
/// Request bodies mutated from valid ones: the settings of a session as JSON (the API reads them from the query, so a body must be
/// bounded and ignored), and an upload's CSV (read by the library's CSV code). Each is sent as it is, cut short, with a number replaced
/// by a hostile one (NaN, 1e309, a value of another type), with a byte changed, nested deeply, or grown past the request's bound.
/// </summary>
internal static partial class FuzzBodies
{
    public static readonly string Settings = """{"data":"xor","noise":0.1,"test":0.3,"hidden":[8,8],"act":"tanh","lr":0.03,"batch":10,"seed":1,"px":0,"py":1}""";

    public static readonly string Csv = "a,b,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{i % 7 * 0.5},{i % 5 - 2},{(i % 2 == 0 ? "x" : "y")}\n")));

    // Replacements for a number (or a value) of the valid bodies.
    private static readonly string[] Hostile =
        ["NaN", "Infinity", "-Infinity", "1e309", "-1e309", "1e-400", "-0", "99999999999999999999999", "-2147483649", "\"8\"", "null", "true", "[]", "{}", "\"\u001b[2J\"", "", ","];

    public static Gen<byte[]?> Gen { get; } = CsCheck.Gen.Select(CsCheck.Gen.Int[0, 9], CsCheck.Gen.Int[0, 5], CsCheck.Gen.Int[0, 1 << 20], CsCheck.Gen.OneOf(Hostile),
        CsCheck.Gen.Byte, (kind, mutation, at, hostile, b) => Make(kind, mutation, at, hostile, b));

    private static byte[]? Make(int kind, int mutation, int at, string hostile, byte b) => kind switch
    {
        0 or 1 or 2 => null,
        3 or 4 => Mutate(Settings, mutation, at, hostile, b),
        5 or 6 => Mutate(Csv, mutation, at, hostile, b),
        7 => Encoding.ASCII.GetBytes(new string('[', 1 + at % 100_000) + new string(']', at % 3 == 0 ? 1 + at % 100_000 : 0)), // deep nesting, closed or not
        8 => Oversize(at),
        _ => [.. Enumerable.Range(0, at % 512).Select(i => (byte)(b * 31 + i * 17))], // not text at all
    };

    private static byte[] Mutate(string valid, int mutation, int at, string hostile, byte b)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        switch (mutation)
        {
            case 0: return bytes;
            case 1: return bytes[..(at % bytes.Length)]; // truncated
            case 2: // the at-th number replaced
            {
                var numbers = Number().Matches(valid);
                var m = numbers[at % numbers.Count];
                return Encoding.UTF8.GetBytes(valid[..m.Index] + hostile + valid[(m.Index + m.Length)..]);
            }
            case 3: // a byte changed (an invalid UTF-8 byte, a quote, a separator, a control character)
                bytes[at % bytes.Length] = b;
                return bytes;
            case 4: // the whole body as a value of a valid one: wrong type, nesting
                return Encoding.UTF8.GetBytes($$"""{"data":{{valid.Length}},"hidden":{"a":[{{hostile}}]},"act":[[["tanh"]]],"csv":"{{valid.Replace("\n", "\\n", StringComparison.Ordinal)}}"}""");
            default: // repeated past any bound a body has
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(valid, 1 + at % 40_000 / valid.Length)));
        }
    }

    // Past the bound of a body that is not an upload (64 KB), or of an upload (1 MB).
    private static byte[] Oversize(int at) => new byte[at % 2 == 0 ? 70_000 : (1 << 20) + 1 + at % 1000];

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}

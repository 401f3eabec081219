using System.Text;
using Backprop.Cli.Learn;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Tensors;
using Backprop.Tests.Support;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Valid <c>explain</c>/<c>gradcheck</c> specs mutated (characters flipped, truncated, keys duplicated, numbers made extreme,
/// arrays nested or emptied, odd encodings): each is read, explained, its chain paths listed and its gradients checked, or it
/// is refused with <see cref="BackpropException"/> naming the file. Any other exception is a failing case.
/// </summary>
public sealed class SpecFuzzTests : TempDirTest
{
    private static readonly long Cases = FuzzBudget.Cases(2_000, 500_000);

    private static readonly string[] Bases =
    [
        """{"layers": [{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.1, 0.2, 0.3], "act": "sigmoid"}, {"w": [[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]], "b": [0.0, 0.1], "act": "softmax"}], "loss": "softmax_ce", "x": [[0.5, 0.8], [0.1, -0.3]], "y": [1, 0], "lr": 0.5}""",
        """{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}, {"w": [[1], [2]], "b": [0], "act": "identity"}], "loss": "mse_half", "x": [[1]], "y": [[1]]}""",
        """{"layers": [{"w": [[0.5, -0.5], [0.25, 1]], "b": [0, 0.5], "act": "tanh"}, {"w": [[1, -1], [2, 0.5]], "b": [0.1, -0.1], "act": "sigmoid"}], "loss": "bce_logits", "x": [[1, 2]], "y": [[1, 0]]}""",
        """{"layers": [{"w": [[0.2]], "b": [0.1], "act": "leaky_relu:0.1"}, {"w": [[-0.7]], "b": [0.3], "act": "elu"}], "loss": "mse_mean", "x": [[2], [-1]], "y": [[0.5], [1.5]], "lr": 0.1}""",
    ];

    private static readonly string[] Pieces =
    [
        "[", "]", "{", "}", "\"", ",", ":", "null", "-1", "0", "1e308", "1e400", "-1e308", "2147483648", "-0", "true", "[]", "{}", "[[]]",
        "\"x\"", "1e-320", "\"softmax\"", "\"softmax_ce\"", "\"w\": [[1]]", "\"layers\": []", "\\ud800", "é", "\u0000", new string('[', 70),
    ];

    [Fact]
    public void MutatedSpecsRunOrAreRefusedByName()
    {
        string path = Dir.Path("fuzz.json");
        var gen = Gen.Select(Gen.Int[0, Bases.Length - 1], Gen.Int[0, 4], Gen.Int[1, 3], Gen.ULong);
        long ran = 0;
        gen.Sample((b, kind, times, seed) =>
        {
            var rng = new Rng(seed);
            string text = Bases[b];
            for (int i = 0; i < times; i++) text = Mutate(text, (kind + i) % 4, rng);
            var bytes = Encoding.UTF8.GetBytes(text);
            if (kind == 4) bytes = OddBytes(bytes, rng);
            File.WriteAllBytes(path, bytes);
            if (RunsOrIsRefused(path)) ran++;
        }, iter: Cases, threads: 1);
        Assert.True(ran > 0 && ran < Cases, $"{ran} of {Cases} damaged specs ran: the cases must reach both running and refusing");
    }

    // Read, explained, a chain path listed and the gradients checked; or refused naming the file (or --paths).
    private static bool RunsOrIsRefused(string path)
    {
        try
        {
            var spec = NetworkSpec.Load(path);
            var step = StepExplanation.Run(spec);
            try { ChainPaths.Find(step, "layer1.w[0,0]"); }
            catch (BackpropException e) when (e.Kind == ErrorKind.Setting) { Assert.StartsWith("--paths: ", e.Message); }
            GradCheckCommand.CheckSpec(spec, Backprop.Diagnostics.GradCheck.DefaultTolerance);
            return true;
        }
        catch (BackpropException e) when (e.Kind == ErrorKind.Input) { Assert.StartsWith(path + ": ", e.Message); }
        return false;
    }

    private static string Mutate(string text, int kind, Rng rng)
    {
        if (text.Length == 0) return text;
        int at = rng.NextInt(text.Length);
        return kind switch
        {
            0 => text[..at] + Pieces[rng.NextInt(Pieces.Length)] + text[Math.Min(text.Length, at + rng.NextInt(4))..], // replace a few characters
            1 => text[..at],                                                                                            // truncate
            2 => DuplicateKey(text, rng),
            _ => ExtremeNumber(text, rng),
        };
    }

    // A "key": value pair repeated right after itself.
    private static string DuplicateKey(string text, Rng rng)
    {
        var keys = Enumerable.Range(0, text.Length - 1).Where(i => text[i] == '"' && i > 0 && text[i - 1] is '{' or ' ').ToList();
        if (keys.Count == 0) return text;
        int start = keys[rng.NextInt(keys.Count)];
        int close = text.IndexOf('"', start + 1);
        int colon = close < 0 ? -1 : text.IndexOf(':', close);
        if (colon < 0) return text;
        int end = JsonText.EndOfValue(text, colon + 1);
        return text[..end] + ", " + text[start..end] + text[end..];
    }

    // A number replaced by one at the edge of double (or past it).
    private static string ExtremeNumber(string text, Rng rng)
    {
        var numbers = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiDigit(text[i - 1]) && text[i - 1] != '.')).ToList();
        if (numbers.Count == 0) return text;
        int start = numbers[rng.NextInt(numbers.Count)], end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'e' or '-')) end++;
        string[] extremes = ["1e308", "1.7976931348623157e308", "1e309", "5e-324", "0", "1e200", "99999999999999999999", "4294967296"];
        return text[..start] + extremes[rng.NextInt(extremes.Length)] + text[end..];
    }

    // A BOM, invalid UTF-8 or a UTF-16 encoding of the whole text.
    private static byte[] OddBytes(byte[] bytes, Rng rng) => rng.NextInt(4) switch
    {
        0 => [0xEF, 0xBB, 0xBF, .. bytes],
        1 => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)),
        2 => [.. bytes[..(bytes.Length / 2)], 0xC0, 0xAF, 0xFF, .. bytes[(bytes.Length / 2)..]],
        _ => [.. bytes[..(bytes.Length / 2)], 0xED, 0xA0, 0x80, .. bytes[(bytes.Length / 2)..]],
    };
}

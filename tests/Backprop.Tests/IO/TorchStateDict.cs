using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Backprop.Tests.IO;

/// <summary>One entry of a PyTorch state dict: its key, shape ([out, in] for a Linear's weight) and values in row-major order.</summary>
internal sealed record TorchEntry(string Name, long[] Shape, double[] Values, string DType = "F32");

/// <summary>
/// The bytes <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes, built here byte for byte without the library:
/// tensors sorted by descending dtype (by the format's dtype order) then by key (ordinal), their data back to back in that
/// order; the header compact JSON with <c>__metadata__</c> <c>{"format":"pt"}</c> first, then each tensor as
/// <c>{"dtype","shape","data_offsets"}</c> in data order, padded with spaces to a multiple of 8; before it its length (u64, little-endian).
/// </summary>
internal static class TorchStateDict
{
    // The format's dtype order (safetensors' Dtype enum, increasing alignment).
    private static readonly string[] DTypeOrder = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    public static byte[] Bytes(params TorchEntry[] entries)
    {
        var ordered = entries.OrderByDescending(e => Array.IndexOf(DTypeOrder, e.DType)).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        var data = new List<byte>();
        foreach (var e in ordered)
        {
            long begin = data.Count;
            foreach (var v in e.Values) data.AddRange(Encode(v, e.DType));
            header.Append(CultureInfo.InvariantCulture, $",\"{e.Name}\":{{\"dtype\":\"{e.DType}\",\"shape\":[{string.Join(",", e.Shape)}],\"data_offsets\":[{begin},{data.Count}]}}");
        }
        var json = Encoding.UTF8.GetBytes(header.Append('}').ToString());
        int padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Count];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        data.CopyTo(bytes, 8 + padded);
        return bytes;
    }

    /// <summary>The state dict of <c>nn.Sequential(Linear, act, Linear, act, ..., Linear)</c> with the given weights ([out, in]) and biases.</summary>
    public static TorchEntry[] Sequential(IReadOnlyList<double[,]> weights, IReadOnlyList<double[]> biases, string dtype = "F32") =>
    [
        .. weights.SelectMany((w, k) => new[]
        {
            new TorchEntry($"{2 * k}.weight", [w.GetLength(0), w.GetLength(1)], [.. w.Cast<double>()], dtype),
            new TorchEntry($"{2 * k}.bias", [biases[k].Length], biases[k], dtype),
        }),
    ];

    private static byte[] Encode(double v, string dtype)
    {
        var b = new byte[dtype switch { "F64" or "I64" => 8, "F32" => 4, "I8" => 1, _ => 2 }];
        switch (dtype)
        {
            case "F64": BinaryPrimitives.WriteDoubleLittleEndian(b, v); break;
            case "F32": BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); break;
            case "I64": BinaryPrimitives.WriteInt64LittleEndian(b, (long)v); break;
            case "F16": BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v); break;
            case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)(BitConverter.SingleToInt32Bits((float)v) >> 16)); break; // exact for the values tests use
            case "I8": b[0] = (byte)(sbyte)v; break;
            default: throw new ArgumentException($"no test encoding for {dtype}");
        }
        return b;
    }
}

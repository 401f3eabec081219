using System.Buffers.Binary;
using System.Text;

namespace Backprop.Tests.IO;

/// <summary>Builds safetensors bytes by hand, independently of the library's writer, as PyTorch's <c>save_file</c> lays them out.</summary>
internal static class TorchFile
{
    /// <summary>An 8-byte little-endian header length, the JSON header padded with spaces to a multiple of 8, then the F32 data.</summary>
    public static byte[] Build(string headerJson, float[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        int padded = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + data.Length * 4];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        header.CopyTo(bytes, 8);
        for (int i = header.Length; i < padded; i++) bytes[8 + i] = (byte)' ';
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + padded + 4 * i), data[i]);
        return bytes;
    }

    /// <summary>
    /// nn.Sequential(Linear(2, 2), ReLU(), Linear(2, 1)) with 0.weight [[1, -1], [2, 0.5]], 0.bias [0, -1], 2.weight [[3, -2]], 2.bias [0.5];
    /// tensors listed out of data order and PyTorch's own metadata.
    /// </summary>
    public static byte[] SmallMlp(string weightDtype = "F32", string firstShape = "[2,2]") => Build(
        "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[24,32]},"
        + $"\"0.weight\":{{\"dtype\":\"{weightDtype}\",\"shape\":{firstShape},\"data_offsets\":[0,16]}},"
        + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
        + "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]}}",
        [1, -1, 2, 0.5f, 0, -1, 3, -2, 0.5f]);
}

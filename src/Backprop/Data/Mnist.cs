using System.Numerics;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>MNIST-style image classification data from a pair of IDX files.</summary>
public static class Mnist
{
    /// <summary>
    /// Images [N, rows·cols] scaled to [0, 1] (pixel / 255) and labels [N] (10 classes), from
    /// <c>DIR/{prefix}-images-idx3-ubyte[.gz]</c> and <c>DIR/{prefix}-labels-idx1-ubyte[.gz]</c>.
    /// </summary>
    public static Dataset<T> LoadDirectory<T>(string directory, string prefix = "t10k") where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(Find(directory, $"{prefix}-images-idx3-ubyte"), Find(directory, $"{prefix}-labels-idx1-ubyte"));

    /// <summary>Images and labels from explicit IDX paths.</summary>
    public static Dataset<T> Load<T>(string imagesPath, string labelsPath) where T : unmanaged, IFloatingPointIeee754<T>
        => Build<T>(Idx.Read(imagesPath), imagesPath, Idx.Read(labelsPath), labelsPath);

    /// <summary>
    /// Images and labels from IDX streams (gzipped or not; read to their end, left open); the names stand for the files in errors.
    /// </summary>
    public static Dataset<T> Load<T>(Stream images, string imagesName, Stream labels, string labelsName) where T : unmanaged, IFloatingPointIeee754<T>
        => Build<T>(Idx.Read(images, imagesName), imagesName, Idx.Read(labels, labelsName), labelsName);

    private static Dataset<T> Build<T>((int[] Dims, byte[] Values) images, string imagesPath, (int[] Dims, byte[] Values) labelFile, string labelsPath)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (imageDims, pixels) = images;
        var (labelDims, labels) = labelFile;
        if (imageDims.Length != 3) throw BackpropException.BadInput($"{imagesPath}: expected images [N, rows, cols]; got rank {imageDims.Length}.");
        if (labelDims.Length != 1) throw BackpropException.BadInput($"{labelsPath}: expected labels [N]; got rank {labelDims.Length}.");
        if (labelDims[0] != imageDims[0])
            throw BackpropException.BadInput($"{labelsPath}: {labelDims[0]} labels for {imageDims[0]} images in {imagesPath}.");
        int n = imageDims[0];
        long pixelsPerImage = (long)imageDims[1] * imageDims[2];
        if (n == 0 || pixelsPerImage == 0) throw BackpropException.BadInput($"{imagesPath}: no images (shape [{string.Join(", ", imageDims)}]).");
        int features = (int)pixelsPerImage; // n · features values were read, so it fits
        var x = new Tensor<T>(new Shape(n, features));
        T scale = T.One / T.CreateTruncating(255);
        for (int i = 0; i < pixels.Length; i++) x.Span[i] = T.CreateTruncating(pixels[i]) * scale;
        var y = new Tensor<T>(new Shape(n));
        int classes = 10;
        for (int i = 0; i < n; i++)
        {
            if (labels[i] >= classes) throw BackpropException.BadInput($"{labelsPath}: label {labels[i]} at index {i} is not a digit 0..9.");
            y.Span[i] = T.CreateTruncating(labels[i]);
        }
        return new Dataset<T>(x, y, classes);
    }

    private static string Find(string directory, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw BackpropException.BadInput(Directory.Exists(directory) ? $"{directory}: neither {name} nor {name}.gz exists." : $"{directory}: no such directory.");
    }
}

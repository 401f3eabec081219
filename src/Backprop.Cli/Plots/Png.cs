using Backprop.IO;
using ScottPlot;
using SkiaSharp;

namespace Backprop.Cli.Plots;

/// <summary>Draws onto a white canvas of a given size and writes it as a PNG file, atomically (temporary file, then renamed).</summary>
internal static class Png
{
    public static void Save(string path, int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"{path}: cannot create a {width}x{height} drawing surface.");
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    /// <summary>Plots stacked top to bottom, each the full width and an equal share of the height.</summary>
    public static void SaveStacked(string path, int width, int height, params Plot[] plots) => Save(path, width, height, canvas =>
    {
        int each = height / plots.Length;
        for (int i = 0; i < plots.Length; i++)
        {
            // Each plot on its own surface: a plot clears the whole canvas it is given before drawing.
            using var part = SKSurface.Create(new SKImageInfo(width, each, SKColorType.Rgba8888, SKAlphaType.Premul));
            plots[i].Render(part.Canvas, width, each);
            using var image = part.Snapshot();
            canvas.DrawImage(image, 0, i * each);
        }
    });
}

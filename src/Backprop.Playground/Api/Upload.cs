using Backprop.Errors;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;

namespace Backprop.Playground.Api;

/// <summary>Reads an uploaded CSV body, refusing more than <see cref="PlaygroundData.MaxUploadBytes"/> before reading it all.</summary>
internal static class Upload
{
    public static async Task<byte[]> Read(HttpRequest request)
    {
        const int max = PlaygroundData.MaxUploadBytes;
        if (request.ContentLength > max) throw TooLarge(request.ContentLength.Value);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await ReadSome(request.Body, buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > max) throw TooLarge(copy.Length);
        }
        if (copy.Length == 0) throw BackpropException.BadInput("the upload is empty; send the CSV's text as the request body");
        return copy.ToArray();
    }

    // Kestrel stops a body without a length (chunked) past its own limit, one byte over ours: that is the same refusal.
    private static async Task<int> ReadSome(Stream body, byte[] buffer)
    {
        try { return await body.ReadAsync(buffer); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { throw TooLarge(PlaygroundData.MaxUploadBytes + 1); }
    }

    private static BackpropException TooLarge(long bytes) =>
        BackpropException.BadInput($"the upload has {(bytes > PlaygroundData.MaxUploadBytes + 1 ? bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + PlaygroundData.MaxUploadBytes)} bytes; at most {PlaygroundData.MaxUploadBytes} (1 MB) are accepted");
}

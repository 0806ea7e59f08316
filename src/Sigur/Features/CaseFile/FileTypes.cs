namespace Sigur.Features.CaseFile;

/// <summary>
/// What a document may be: a PDF or a picture (scans and phone photos of papers), recognised by its first bytes —
/// never by its name or the type the browser claims, which anyone can set. Five signatures do not justify a
/// library (the one NuGet serves is a years-old beta); what is not one of them is refused.
/// </summary>
public static class FileTypes
{
    /// <summary>5 MiB: a scanned page or a phone photo of one, with room to spare; larger files are refused.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>A request carrying one document: the file and the form around it (multipart boundaries, the other fields).</summary>
    public const long MaxRequestBytes = MaxBytes + 64 * 1024;

    private static readonly (string ContentType, string Extension, byte[] Magic, int Offset)[] Signatures =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray(), 0),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/tiff", ".tif", [0x49, 0x49, 0x2A, 0x00], 0),
        ("image/tiff", ".tif", [0x4D, 0x4D, 0x00, 0x2A], 0),
    ];

    /// <summary>The content type of <paramref name="content"/> by its signature, or null when it is none Sigur keeps.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var (type, _, magic, offset) in Signatures)
            if (content.Length >= offset + magic.Length && content.Slice(offset, magic.Length).SequenceEqual(magic)) return type;
        return null;
    }

    /// <summary>The extension a download is named with, from the sniffed type (a stored name could claim anything).</summary>
    public static string ExtensionOf(string contentType) => Signatures.FirstOrDefault(s => s.ContentType == contentType).Extension ?? ".bin";

    public static IReadOnlyList<string> Accepted => [.. Signatures.Select(s => s.ContentType).Distinct()];
}

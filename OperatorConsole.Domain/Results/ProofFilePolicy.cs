using System.Text;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Results;

/// <summary>One allowed kind of proof file: its extension, the content types a client may declare, and how its bytes begin.</summary>
public sealed record ProofFileType(string Extension, string ContentType, IReadOnlyList<string> DeclaredTypes, Func<ReadOnlySpan<byte>, bool> LooksRight);

/// <summary>
/// What a proof upload may be. The extension, the declared content type AND the first bytes must all agree,
/// so a renamed executable or an HTML page posing as a PNG is refused. Names are sanitised for display
/// only: the file is stored under a name the console chooses.
/// </summary>
public static class ProofFilePolicy
{
    /// <summary>Bytes of the file's start read to check its signature.</summary>
    public const int HeaderBytes = 512;

    public const int FileNameMax = 120;
    public const int TitleMax = 300;
    public const int UrlMax = 2000;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif = "GIF8"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    public static readonly IReadOnlyList<ProofFileType> Types =
    [
        new("pdf", "application/pdf", ["application/pdf"], b => b.StartsWith(Pdf)),
        new("png", "image/png", ["image/png"], b => b.StartsWith(Png)),
        new("jpg", "image/jpeg", ["image/jpeg", "image/jpg", "image/pjpeg"], b => b.StartsWith(Jpeg)),
        new("jpeg", "image/jpeg", ["image/jpeg", "image/jpg", "image/pjpeg"], b => b.StartsWith(Jpeg)),
        new("gif", "image/gif", ["image/gif"], b => b.StartsWith(Gif)),
        new("webp", "image/webp", ["image/webp"], b => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)),
        new("txt", "text/plain", ["text/plain"], IsText),
        new("md", "text/markdown", ["text/markdown", "text/x-markdown", "text/plain"], IsText),
        new("csv", "text/csv", ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"], IsText),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], b => b.StartsWith(Zip)),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"], b => b.StartsWith(Zip)),
    ];

    public static string AllowedList => "pdf, png, jpg, gif, webp, txt, md, csv, xlsx, docx";

    /// <summary>
    /// Checks a proposed upload. <paramref name="header"/> is the file's first bytes (up to <see cref="HeaderBytes"/>);
    /// <paramref name="length"/> the declared size (the store counts again while writing).
    /// </summary>
    public static (ProofFileType? Type, ValidationErrors Errors) Check(string? fileName, string? contentType, long length, long maxBytes, ReadOnlySpan<byte> header)
    {
        var errors = new ValidationErrors();
        if (length <= 0)
        {
            errors.Add("file", "The file is empty.");
            return (null, errors);
        }

        if (length > maxBytes)
        {
            errors.Add("file", $"The file is {length} bytes; at most {maxBytes} bytes are accepted.");
            return (null, errors);
        }

        var extension = Extension(fileName);
        var type = Types.FirstOrDefault(t => t.Extension == extension);
        if (type is null)
        {
            errors.Add("file", $"'.{extension}' files are not accepted; allowed: {AllowedList}.");
            return (null, errors);
        }

        var declared = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!type.DeclaredTypes.Contains(declared))
        {
            errors.Add("file", $"A .{extension} file must be sent as {string.Join(" or ", type.DeclaredTypes)}, not '{declared}'.");
            return (null, errors);
        }

        if (!type.LooksRight(header))
        {
            errors.Add("file", $"The file's content is not a .{extension} file.");
            return (null, errors);
        }

        return (type, errors);
    }

    public static string Extension(string? fileName)
    {
        var name = SanitizeFileName(fileName);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? "" : name[(dot + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// A display name safe for a Content-Disposition header and a file list: no folders, no control or
    /// path characters, at most <see cref="FileNameMax"/> characters with the extension kept.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsControl(c) || c is '"' or '<' or '>' or '|' or ':' or '*' or '?' or '/' or '\\' ? '_' : c);
        }

        var clean = builder.ToString().Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            clean = "file";
        }

        if (clean.Length > FileNameMax)
        {
            var dot = clean.LastIndexOf('.');
            var extension = dot > 0 && clean.Length - dot <= 10 ? clean[dot..] : "";
            clean = clean[..(FileNameMax - extension.Length)] + extension;
        }

        return clean;
    }

    /// <summary>Text files: no NUL bytes in the first block (binary files almost always have one).</summary>
    private static bool IsText(ReadOnlySpan<byte> header) => !header.Contains((byte)0);

    /// <summary>A proof link must be an absolute http(s) address.</summary>
    public static ValidationErrors ValidateLink(string? title, string? url)
    {
        var errors = new ValidationErrors().Required("url", url, UrlMax).MaxLength("title", title, TitleMax);
        if (!string.IsNullOrWhiteSpace(url)
            && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("url", "'url' must be an absolute http or https address.");
        }

        return errors;
    }
}

using System.Security.Cryptography;

namespace OperatorConsole.Data.Results;

/// <summary>A file written by <see cref="ProofFileStore"/>: where (relative to the root), how big, and its SHA-256.</summary>
public sealed record StoredFile(string StoragePath, long SizeBytes, string Sha256);

/// <summary>
/// Proof files on disk under <see cref="StorageOptions.Root"/>. The console chooses every path
/// (proof/{leadId}/{random}.{ext}); a stored path is resolved and checked to stay inside the root before
/// it is opened, so neither a client nor a tampered row can reach another file.
/// </summary>
public sealed class ProofFileStore(StorageOptions options)
{
    public string RootPath { get; } = Path.GetFullPath(options.Root);

    /// <summary>
    /// Writes <paramref name="header"/> then the rest of <paramref name="content"/>, counting and hashing as it
    /// goes. Returns null (and leaves no file) when the bytes exceed <paramref name="maxBytes"/>: the declared
    /// length is not trusted.
    /// </summary>
    public async Task<StoredFile?> SaveAsync(int leadId, string extension, ReadOnlyMemory<byte> header, Stream content, long maxBytes, CancellationToken ct)
    {
        var relative = Path.Combine("proof", leadId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Guid.NewGuid():N}.{extension}");
        var full = Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var complete = false;
        try
        {
            await using (var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                sha.AppendData(header.Span);
                await file.WriteAsync(header, ct);
                size = header.Length;
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return null;
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            complete = true;
            return new StoredFile(relative.Replace('\\', '/'), size, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        finally
        {
            if (!complete)
            {
                TryDelete(full);
            }
        }
    }

    public Stream OpenRead(string storagePath) =>
        new FileStream(Resolve(storagePath), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public bool Exists(string storagePath) => File.Exists(Resolve(storagePath));

    public void Delete(string storagePath) => TryDelete(Resolve(storagePath));

    private string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(RootPath, relative));
        var root = RootPath.EndsWith(Path.DirectorySeparatorChar) ? RootPath : RootPath + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A stored file path points outside the storage folder.");
        }

        return full;
    }

    private static void TryDelete(string full)
    {
        try
        {
            File.Delete(full);
        }
        catch (IOException)
        {
            // Best effort: an orphan file in the storage folder is harmless; a half-saved artifact row is not.
        }
    }
}

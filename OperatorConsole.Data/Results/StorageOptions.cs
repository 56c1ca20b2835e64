namespace OperatorConsole.Data.Results;

/// <summary>Where uploaded files live and how big they may be (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for uploaded files; relative paths are resolved against the working directory.</summary>
    public string Root { get; set; } = "data/files";

    /// <summary>Largest proof file accepted (10 MB by default).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}

namespace OperatorConsole.Web.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest JSON body accepted on /api (uploads have their own limit).</summary>
    public long MaxJsonBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest multipart upload (proof artifacts, learning files).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}

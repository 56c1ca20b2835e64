using Microsoft.Data.Sqlite;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// Where the SQLite file is. A relative "Data Source" used to be opened against the process's working directory, so
/// <c>dotnet OperatorConsole.Web.dll</c> started from another folder silently created a second, empty database;
/// it is resolved against the content root instead (an absolute path is kept as it is).
/// </summary>
public static class SqliteLocation
{
    /// <summary>
    /// <paramref name="connectionString"/> with its data source made absolute against <paramref name="contentRoot"/>.
    /// In-memory databases (":memory:", Mode=Memory) and "file:" URIs are returned unchanged.
    /// </summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(source))
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        return builder.ConnectionString;
    }

    /// <summary>The full path of the file a connection string opens (null for an in-memory database).</summary>
    public static string? FilePath(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// The content root to use when none was given (no --contentRoot, no ASPNETCORE_/DOTNET_CONTENTROOT): ASP.NET Core
    /// takes the working directory, which for <c>dotnet /opt/console/OperatorConsole.Web.dll</c> run from elsewhere
    /// holds neither appsettings.json nor the database. Then the app's own folder is the content root. Null keeps the
    /// default (the working directory is the app's folder, or the project folder under <c>dotnet run</c>).
    /// </summary>
    public static string? ContentRootFor(IReadOnlyList<string> args, Func<string, string?> environment, string workingDirectory, string appDirectory)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT")) || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        if (explicitRoot || File.Exists(Path.Combine(workingDirectory, "appsettings.json")) || !File.Exists(Path.Combine(appDirectory, "appsettings.json")))
        {
            return null;
        }

        return appDirectory;
    }
}

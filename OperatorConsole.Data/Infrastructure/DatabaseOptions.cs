namespace OperatorConsole.Data.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Section "Database" plus ConnectionStrings:OperatorConsole.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnection = "Data Source=data/operator-console.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a SQLite writer waits for the lock before the request fails with 503.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// The ADO/EF command timeout tied to the busy timeout (whole seconds, at least 1): a statement that keeps
    /// meeting a held lock gives up after max(BusyTimeoutMs, 1 s), not after the provider's default 30 s.
    /// </summary>
    public int CommandTimeoutSeconds => Math.Max(1, (int)Math.Ceiling(BusyTimeoutMs / 1000.0));
}

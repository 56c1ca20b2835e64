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
}

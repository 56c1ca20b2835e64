using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Can the database take a write right now? For SQLite a connection of its own runs <c>BEGIN IMMEDIATE</c>
/// (takes the write lock, the thing another process or a backup holds) and rolls back, waiting at most
/// min(busy timeout, 1 s) so a readiness probe answers quickly; for SQL Server, whether it connects.
/// </summary>
public sealed class DatabaseWriteProbe(IDbContextFactory<ConsoleDbContext> dbFactory, DatabaseOptions options)
{
    public async Task<string?> FailureAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!db.Database.IsSqlite())
            {
                return await db.Database.CanConnectAsync(ct) ? null : "The database does not accept connections.";
            }

            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, DefaultTimeout = 1 };
            await using var connection = new SqliteConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            // One statement per command: a command runs its later statements only if its reader is read to the
            // end, and the PRAGMA returns a row — "PRAGMA …; BEGIN IMMEDIATE" would never take the lock.
            foreach (var sql in new[] { $"PRAGMA busy_timeout={Math.Min(options.BusyTimeoutMs, 1000)}", "BEGIN IMMEDIATE", "ROLLBACK" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            }

            return null;
        }
        catch (Exception e) when (ApiExceptionHandler.IsDatabaseUnavailable(e) || e is SqliteException or InvalidOperationException)
        {
            return e.GetBaseException().Message;
        }
    }
}

/// <summary>/health/ready's "database" entry: unhealthy while writes fail (a held lock, a full disk), not only when it cannot connect.</summary>
internal sealed class DatabaseWritableHealthCheck(DatabaseMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = await monitor.CheckAsync(cancellationToken);
        return failure is null ? HealthCheckResult.Healthy("The database takes writes.") : HealthCheckResult.Unhealthy("The database refuses writes: " + failure);
    }
}

/// <summary>
/// Probes every <c>Database:ProbeSeconds</c> (default 10) so the signal is right even when nobody writes;
/// reports failures to <see cref="DatabaseHealthSignal"/> (Failures shows "database" broken at once) and,
/// when writes work again, records the outage on the "database" integration (kept across restarts, listed
/// on /integrations with its last error) followed by an ok report.
/// </summary>
public sealed class DatabaseMonitor(
    DatabaseWriteProbe probe, DatabaseHealthSignal signal, IntegrationService integrations, IConfiguration configuration,
    ILogger<DatabaseMonitor> logger) : BackgroundService
{
    /// <summary>Runs the probe once and updates the signal and the record. Null when the database takes writes.</summary>
    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        var failure = await probe.FailureAsync(ct);
        if (failure is not null)
        {
            signal.ReportFailure(failure);
            return failure;
        }

        if (signal.ReportWritable() is { } outage)
        {
            logger.LogWarning("The database takes writes again after refusing them from {From:u} to {To:u}", outage.From, outage.To);
            await integrations.HeartbeatAsync(DatabaseHealthSignal.IntegrationName, new HeartbeatRequest(false,
                Truncate($"Refused writes from {outage.From:u} to {outage.To:u} ({outage.Failures} failure(s)): {outage.Message}")), ct);
            await RecordOkAsync(ct);
        }

        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:ProbeSeconds", 10)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Database probe failed");
            }

            // Real time, not the app clock: a probe period is about the machine, and tests move the app clock.
            await Task.Delay(period, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RecordOkAsync(CancellationToken ct)
    {
        try
        {
            await integrations.HeartbeatAsync(DatabaseHealthSignal.IntegrationName, new HeartbeatRequest(true, "Writes work again (checked by the console itself)."), ct);
        }
        catch (Exception e) when (ApiExceptionHandler.IsDatabaseUnavailable(e))
        {
            signal.ReportFailure(e);
        }
    }

    private static string Truncate(string message) => message.Length <= 2000 ? message : message[..2000];
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Features.Audit;

/// <summary>
/// Verifies the audit hash chain for Settings → Audit log, GET /api/audit/verify and /health/ready. Reading the
/// whole log is linear, so the health check reuses an answer for up to five minutes; the API and the Settings
/// button verify afresh.
/// </summary>
public sealed class AuditChainCheck(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _one = new(1, 1);
    private AuditChainReport? _last;

    public AuditChainReport? Last => _last;

    public void Dispose() => _one.Dispose();

    public async Task<AuditChainReport> VerifyAsync(bool fresh, CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (!fresh && _last is { } cached && now - cached.CheckedAt < MaxAge && now >= cached.CheckedAt)
            {
                return cached;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _last = await AuditChain.VerifyAsync(db, now, ct);
            return _last;
        }
        finally
        {
            _one.Release();
        }
    }
}

/// <summary>A broken chain is Degraded, not Unhealthy: the console still serves, but /health/ready says something is wrong.</summary>
internal sealed class AuditChainHealthCheck(AuditChainCheck check) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await check.VerifyAsync(fresh: false, cancellationToken);
        return report.Intact
            ? HealthCheckResult.Healthy($"Audit hash chain intact ({report.Entries} entries).")
            : HealthCheckResult.Degraded($"Audit hash chain broken at entry {report.BrokenAtId}: {report.Problem}");
    }
}

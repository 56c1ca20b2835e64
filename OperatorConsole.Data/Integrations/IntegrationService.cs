using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Integrations;

public sealed record HeartbeatRequest(bool? Ok, string? Message = null);

public sealed record IntegrationView(
    string Name,
    DateTime? LastOkAt,
    DateTime? LastErrorAt,
    string? LastError,
    DateTime? LastReportAt,
    string? LastMessage,
    int ExpectedIntervalMinutes,
    bool Healthy,
    string Problem,
    string Description);

public sealed record UpdateIntegrationRequest(int? ExpectedIntervalMinutes);

/// <summary>Integration health: heartbeats, runs of the matching kind, and the silence rule.</summary>
public sealed partial class IntegrationService(IDbContextFactory<ConsoleDbContext> dbFactory, IngestWriter writer, TimeProvider time)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,59}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public async Task<OperationResult<IntegrationView>> HeartbeatAsync(string name, HeartbeatRequest request, CancellationToken ct = default)
    {
        var normalized = (name ?? "").Trim().ToLowerInvariant();
        var errors = new ValidationErrors().MaxLength("message", request.Message, 2000);
        if (!IsValidName(normalized))
        {
            errors.Add("name", "The integration name may use letters, digits, '-', '_' and '.' (at most 60).");
        }

        if (request.Ok is null)
        {
            errors.Add("ok", "'ok' is required (true or false).");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<IntegrationView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await writer.WriteAsync(async (db, token) =>
        {
            var integration = await GetOrRegisterAsync(db, normalized, now, token);
            Report(integration, request.Ok!.Value, request.Message, now);
            return IngestStep.Answer(OperationResult<IntegrationView>.Ok(ToView(integration, now)));
        }, new IngestReads(IntegrationName: normalized), ct);
    }

    /// <summary>
    /// A run of kind K counts as a report from integration K, if such an integration is registered. Returns what
    /// to do once the run is saved (the report's message names the run's id), or null when it reported nothing.
    /// </summary>
    internal static async Task<Action?> ApplyRunAsync(ConsoleDbContext db, PipelineRun run, CancellationToken ct)
    {
        var integration = await FindAsync(db, run.Kind, ct);
        if (integration is null)
        {
            return null;
        }

        var at = run.FinishedAt ?? run.StartedAt;
        if (integration.LastReportAt is { } last && last > at)
        {
            return null;
        }

        // Until the run has its id a placeholder (a string instance of its own) stands for the message (and, for a
        // failed run, the last error); each is replaced only where no later report of the same batch replaced it
        // meanwhile: an ok heartbeat after a failed run takes the message but leaves the run's error standing.
        var placeholder = new string(RunMessage(run).AsSpan());
        Report(integration, run.Status == RunStatus.Success, placeholder, at);
        return () =>
        {
            if (ReferenceEquals(integration.LastMessage, placeholder))
            {
                integration.LastMessage = RunMessage(run);
            }

            if (ReferenceEquals(integration.LastError, placeholder))
            {
                integration.LastError = RunMessage(run);
            }
        };
    }

    private static string RunMessage(PipelineRun run) => run.Status == RunStatus.Success
        ? $"{run.Kind} run {run.Id} succeeded"
        : $"{run.Kind} run {run.Id} {run.Status.ToString().ToLowerInvariant()}: {run.Error}";

    /// <summary>
    /// The integration named <paramref name="name"/>: one the context already tracks first (loaded for an ingest batch,
    /// or registered by an earlier item of it and not saved yet), else the stored one.
    /// </summary>
    private static async Task<IntegrationHealth?> FindAsync(ConsoleDbContext db, string name, CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries<IntegrationHealth>())
        {
            if (entry.State != EntityState.Deleted && entry.Entity.Name == name)
            {
                return entry.Entity;
            }
        }

        return IngestWriter.IsKnownAbsent(db, name) ? null : await db.Set<IntegrationHealth>().FirstOrDefaultAsync(i => i.Name == name, ct);
    }

    /// <summary>
    /// A report from inside the console (e.g. an alert channel's deliveries), in the caller's unit of work.
    /// With <paramref name="registerIfMissing"/> false, an ok report is dropped for an integration nobody registered.
    /// </summary>
    internal static async Task ReportAsync(
        ConsoleDbContext db, string name, bool ok, string? message, DateTime at, bool registerIfMissing, int expectedIntervalMinutes, CancellationToken ct)
    {
        var integration = await FindAsync(db, name, ct);
        if (integration is null)
        {
            if (!registerIfMissing)
            {
                return;
            }

            integration = new IntegrationHealth { Name = name, CreatedAt = at, ExpectedIntervalMinutes = expectedIntervalMinutes };
            db.Add(integration);
        }

        Report(integration, ok, message, at);
    }

    private static void Report(IntegrationHealth integration, bool ok, string? message, DateTime at)
    {
        integration.LastReportAt = at;
        integration.LastReportOk = ok;
        integration.LastMessage = message;
        if (ok)
        {
            integration.LastOkAt = at;
        }
        else
        {
            integration.LastErrorAt = at;
            integration.LastError = string.IsNullOrWhiteSpace(message) ? "Reported an error without a message." : message;
        }
    }

    private static async Task<IntegrationHealth> GetOrRegisterAsync(ConsoleDbContext db, string name, DateTime now, CancellationToken ct)
    {
        var integration = await FindAsync(db, name, ct);
        if (integration is null)
        {
            integration = new IntegrationHealth { Name = name, CreatedAt = now };
            db.Add(integration);
        }

        return integration;
    }

    public async Task<IReadOnlyList<IntegrationView>> ListAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Set<IntegrationHealth>().AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return all.Select(i => ToView(i, now)).OrderBy(v => v.Healthy).ThenBy(v => v.Name).ToList();
    }

    public async Task<OperationResult<IntegrationView>> UpdateAsync(string name, UpdateIntegrationRequest request, Actor actor, CancellationToken ct = default)
    {
        // The interval decides when silence counts as broken: a setting only an operator changes.
        if (!actor.CanDecide)
        {
            return OperationResult<IntegrationView>.Forbidden("Only a signed-in operator can change an integration's expected interval.");
        }

        var errors = new ValidationErrors().Range("expectedIntervalMinutes", request.ExpectedIntervalMinutes, 1, 60 * 24 * 31);
        if (request.ExpectedIntervalMinutes is null)
        {
            errors.Add("expectedIntervalMinutes", "'expectedIntervalMinutes' is required.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<IntegrationView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = name.Trim().ToLowerInvariant();
        if (!IsValidName(normalized))
        {
            return OperationResult<IntegrationView>.Invalid("name", "Not a valid integration name.");
        }

        var integration = await GetOrRegisterAsync(db, normalized, now, ct);
        var before = integration.ExpectedIntervalMinutes;
        integration.ExpectedIntervalMinutes = request.ExpectedIntervalMinutes!.Value;
        db.Audit(actor, now, "integration.interval_changed", "integration", normalized,
            $"Expected interval {before} → {integration.ExpectedIntervalMinutes} min",
            before: new { ExpectedIntervalMinutes = before }, after: new { integration.ExpectedIntervalMinutes });
        await db.SaveChangesAsync(ct);
        return OperationResult<IntegrationView>.Ok(ToView(integration, now));
    }

    public static IntegrationView ToView(IntegrationHealth i, DateTime now)
    {
        var problem = IntegrationHealthPolicy.Assess(i, now);
        return new IntegrationView(
            i.Name, i.LastOkAt, i.LastErrorAt, i.LastError, i.LastReportAt, i.LastMessage, i.ExpectedIntervalMinutes,
            problem == IntegrationProblem.None, ProblemCode(problem), IntegrationHealthPolicy.Describe(i, problem, now));
    }

    private static string ProblemCode(IntegrationProblem problem) => problem switch
    {
        IntegrationProblem.NeverOk => "never_ok",
        IntegrationProblem.Silent => "silent",
        IntegrationProblem.LastReportFailed => "last_report_failed",
        _ => "none",
    };
}

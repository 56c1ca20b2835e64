using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>
/// Axiom 5 for the coding agent: a failed or partial agent job is an intervention until a later job on the same branch
/// succeeds (jobs without a branch count for 7 days). Pending high-risk reviews are not repeated here: they are in the
/// approval queue through their approval request.
/// </summary>
public sealed class AgentJobInterventions(IDbContextFactory<ConsoleDbContext> dbFactory) : IInterventionSource
{
    public IReadOnlyCollection<string> Topics { get; } = [nameof(AgentJob)];

    public async Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = now.AddDays(-7);
        var jobs = db.Set<AgentJob>().AsNoTracking();
        var failing = await jobs
            .Where(j => j.Result != AgentJobResult.Success)
            .Where(j => j.Branch == null
                ? j.CreatedAt >= since
                : !jobs.Any(later => later.Branch == j.Branch && later.Result == AgentJobResult.Success && later.CreatedAt > j.CreatedAt))
            .OrderByDescending(j => j.CreatedAt)
            .Take(100)
            .Select(j => new { j.Id, j.TaskRequested, j.Branch, j.Result, j.CreatedAt, j.TestsFailed })
            .ToListAsync(ct);
        return failing.Select(j => new Intervention(
                j.Result == AgentJobResult.Failure ? "agent_job_failed" : "agent_job_partial",
                $"Agent job {(j.Result == AgentJobResult.Failure ? "failed" : "partly failed")}: {j.TaskRequested}",
                $"/agent-jobs?job={j.Id}",
                "agent_job",
                j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                j.CreatedAt,
                j.Result == AgentJobResult.Failure ? 3 : 2,
                Detail: $"{(j.Branch is null ? "no branch" : "branch " + j.Branch)}{(j.TestsFailed is > 0 ? $", {j.TestsFailed} test(s) failed" : "")}"))
            .ToList();
    }
}

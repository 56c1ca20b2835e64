using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Search;

namespace OperatorConsole.Data.Search;

/// <summary>
/// Pipeline runs by id ("412", "#412"), kind ("enrich") and error text ("429"), newest first, so a failure an
/// operator read about elsewhere is one Ctrl+K away. "failed"/"fail" finds the failed ones.
/// </summary>
public sealed class RunSearchSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ISearchSource
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<PipelineRun>().AsNoTracking();
        var terms = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        var failedOnly = terms.RemoveAll(t => t.Equals("failed", StringComparison.OrdinalIgnoreCase) || t.Equals("fail", StringComparison.OrdinalIgnoreCase)) > 0;
        var askedForRuns = terms.RemoveAll(t => t.Equals("run", StringComparison.OrdinalIgnoreCase) || t.Equals("runs", StringComparison.OrdinalIgnoreCase)) > 0;
        if (failedOnly)
        {
            runs = runs.Where(r => r.Status == RunStatus.Fail);
        }

        foreach (var term in terms)
        {
            var id = int.TryParse(term.TrimStart('#'), out var n) ? n : -1;
            var pattern = LikePattern.Contains(term);
            runs = runs.Where(r => r.Id == id
                || EF.Functions.Like(r.Kind, pattern, LikePattern.Escape)
                || EF.Functions.Like(r.Error!, pattern, LikePattern.Escape));
        }

        if (terms.Count == 0 && !failedOnly && !askedForRuns)
        {
            return [];
        }

        var found = await runs.OrderByDescending(r => r.StartedAt).Take(take)
            .Select(r => new { r.Id, r.Kind, r.Status, r.Error, r.StartedAt })
            .ToListAsync(ct);
        return found.Select(r => new SearchHit(
                "run",
                $"Run #{r.Id} · {r.Kind} · {r.Status.ToString().ToLowerInvariant()}",
                r.Error ?? r.StartedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                $"/runs/{r.Id}",
                // A run matched only by "failed"/"runs" ranks below a page of the same name.
                terms.Count == 0 ? 15 : Math.Max(15, SearchScoring.Score(string.Join(' ', terms), $"#{r.Id}", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Kind, r.Error))))
            .ToList();
    }
}

/// <summary>Integrations by name and last error.</summary>
public sealed class IntegrationSearchSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ISearchSource
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Set<IntegrationHealth>().AsNoTracking().Select(i => new { i.Name, i.LastError }).ToListAsync(ct);
        // Few rows (one per integration): score in memory.
        return all.Select(i => new SearchHit("integration", i.Name, i.LastError ?? "Integration", "/integrations", SearchScoring.Score(query, i.Name, i.LastError) + 1))
            .Where(h => h.Score > 1).OrderByDescending(h => h.Score).Take(take).ToList();
    }
}

/// <summary>Pending approvals by title and context: where a decision waits.</summary>
public sealed class ApprovalSearchSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ISearchSource
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approvals = db.Set<ApprovalRequest>().AsNoTracking().Where(a => a.State == ApprovalState.Pending);
        foreach (var term in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var pattern = LikePattern.Contains(term);
            approvals = approvals.Where(a => EF.Functions.Like(a.Title, pattern, LikePattern.Escape) || EF.Functions.Like(a.Context!, pattern, LikePattern.Escape));
        }

        var found = await approvals.OrderBy(a => a.RequestedAt).Take(take).Select(a => new { a.Id, a.Title, a.RequestedByName }).ToListAsync(ct);
        return found.Select(a => new SearchHit("approval", a.Title, $"waiting · asked by {a.RequestedByName}", $"/approvals#approval-{a.Id}", SearchScoring.Score(query, a.Title) + 5)).ToList();
    }
}

/// <summary>Agent jobs by the task they were asked to do, or their branch.</summary>
public sealed class AgentJobSearchSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ISearchSource
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.Set<AgentJob>().AsNoTracking();
        foreach (var term in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var pattern = LikePattern.Contains(term);
            jobs = jobs.Where(j => EF.Functions.Like(j.TaskRequested, pattern, LikePattern.Escape) || EF.Functions.Like(j.Branch!, pattern, LikePattern.Escape));
        }

        var found = await jobs.OrderByDescending(j => j.CreatedAt).Take(take).Select(j => new { j.Id, j.TaskRequested, j.Result, j.RiskLevel }).ToListAsync(ct);
        return found.Select(j => new SearchHit("agent job", j.TaskRequested, $"{j.Result.ToString().ToLowerInvariant()} · {j.RiskLevel.ToString().ToLowerInvariant()} risk", "/agent-jobs", SearchScoring.Score(query, j.TaskRequested) + 3)).ToList();
    }
}

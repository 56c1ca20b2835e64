using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Constraint;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Chat;

/// <summary>One area of the business the ops chat can cite (failures, scorecard, constraint…).</summary>
public interface IChatContextSource
{
    Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct);
}

/// <summary>Assembles the fact sheet from every registered source; a failing source is reported as missing, not hidden.</summary>
public sealed class ChatContextBuilder(IEnumerable<IChatContextSource> sources)
{
    public async Task<(IReadOnlyList<ContextFact> Facts, IReadOnlyList<string> Missing)> BuildAsync(CancellationToken ct)
    {
        var facts = new List<ContextFact>();
        var missing = new List<string>();
        foreach (var source in sources)
        {
            try
            {
                facts.AddRange(await source.GetFactsAsync(ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                missing.Add($"{source.GetType().Name} could not be read: {ex.GetBaseException().Message}");
            }
        }

        return (facts.GroupBy(f => f.Source).Select(g => g.First()).ToList(), missing);
    }
}

internal static class Facts
{
    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>Pipeline counts by stage and the run status of recent runs.</summary>
public sealed class PipelineContextSource(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var facts = new List<ContextFact>();
        var stages = await db.Set<Lead>().Where(l => !l.IsArchived).GroupBy(l => l.Status)
            .Select(g => new { g.Key, Count = g.Count(), Value = g.Sum(l => (double?)l.EstimatedValue) ?? 0 }).ToListAsync(ct);
        foreach (var stage in stages.OrderBy(s => s.Key))
        {
            facts.Add(new ContextFact($"pipeline.stage.{stage.Key.ToString().ToLowerInvariant()}",
                $"{stage.Count} leads in {stage.Key} worth {Facts.N(stage.Value)} USD estimated", $"/leads?status={stage.Key.ToString().ToLowerInvariant()}", "pipeline"));
        }

        var since = now.AddDays(-7);
        var runs = await db.Set<PipelineRun>().Where(r => r.StartedAt > since).GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var run in runs)
        {
            facts.Add(new ContextFact($"runs.last7d.{run.Key.ToString().ToLowerInvariant()}",
                $"{run.Count} pipeline runs ended {run.Key.ToString().ToLowerInvariant()} in the last 7 days", "/runs", "runs"));
        }

        var failing = await db.Set<Lead>().Where(l => !l.IsArchived && l.LastRunStatus == RunStatus.Fail)
            .OrderByDescending(l => l.LastRunStartedAt).Take(5).Select(l => new { l.Id, l.Title }).ToListAsync(ct);
        foreach (var lead in failing)
        {
            facts.Add(new ContextFact($"lead:{lead.Id}.lastRun", $"\"{lead.Title}\" last run failed", $"/leads/{lead.Id}", "runs"));
        }

        return facts;
    }
}

/// <summary>Integrations that are broken or silent.</summary>
public sealed class IntegrationsContextSource(IntegrationService integrations) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var all = await integrations.ListAsync(ct);
        var facts = new List<ContextFact>
        {
            new("integrations.broken", $"{all.Count(i => !i.Healthy)} of {all.Count} integrations are broken or silent", "/integrations", "integrations"),
        };
        facts.AddRange(all.Where(i => !i.Healthy).Select(i =>
            new ContextFact($"integration:{i.Name}", $"Integration \"{i.Name}\" is broken: {i.Description}", "/integrations", "integrations")));
        return facts;
    }
}

/// <summary>The constraint snapshot and its evidence.</summary>
public sealed class ConstraintContextSource(ConstraintService constraint) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var report = await constraint.GetAsync(ct: ct);
        var facts = new List<ContextFact> { new("constraint.bottleneck", report.Snapshot.Summary, "/metrics", "constraint") };
        facts.AddRange(report.Snapshot.Evidence.Select(e => new ContextFact($"constraint.evidence.{e.Key}", e.Text, "/metrics", "constraint")));
        facts.AddRange(report.Snapshot.RecommendedActions.Select((a, i) => new ContextFact($"constraint.action.{i + 1}", a, "/metrics", "constraint.actions")));
        return facts;
    }
}

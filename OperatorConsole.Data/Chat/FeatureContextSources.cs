using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Brief;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Learning;
using OperatorConsole.Data.Results;
using OperatorConsole.Data.Scorecard;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Chat;

/// <summary>Failures &amp; Interventions: the totals, who is stale, what failed, what waits for a decision.</summary>
public sealed class FailuresContextSource(FailuresService failures) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var report = await failures.GetReportAsync(ct);
        var c = report.Counts;
        var facts = new List<ContextFact>
        {
            new("failures.total", $"{c.Total} items need a person: {c.FailedRuns} failed runs, {c.StaleByTouch} stale by touch, {c.StaleProposals} stale proposals, " +
                $"{c.StuckProposals} stuck proposals, {c.BrokenIntegrations} broken integrations, {c.LowConfidence} low-confidence suggestions, " +
                $"{c.NeedsApproval} approvals waiting, {c.Interventions} interventions", "/failures", "failures"),
            new("failures.failedRuns", $"{c.FailedRuns} runs failed or were partial: " +
                string.Join("; ", report.FailedRuns.Take(5).Select(r => $"{r.Kind} for \"{r.LeadTitle ?? "system"}\" ({r.Error})")), "/failures?bucket=failedRuns", "failures"),
            new("failures.staleByTouch", $"{c.StaleByTouch} leads are stale by touch: " +
                string.Join(", ", report.StaleByTouch.Take(8).Select(s => $"\"{s.LeadTitle}\" ({s.DaysSinceTouch} d)")), "/failures?bucket=staleByTouch", "failures.stale"),
            new("failures.brokenIntegrations", $"{c.BrokenIntegrations} integrations are broken: " +
                string.Join("; ", report.BrokenIntegrations.Take(5).Select(b => $"\"{b.Name}\" ({b.Message})")), "/integrations", "failures"),
            new("failures.needsApproval", $"{c.NeedsApproval} approvals are waiting: " +
                string.Join("; ", report.NeedsApproval.Take(8).Select(a => $"\"{a.Title}\" for {a.DaysWaiting:0.#} d")), "/approvals", "failures.approvals"),
        };
        if (c.Interventions > 0)
        {
            facts.Add(new("failures.interventions", $"{c.Interventions} interventions: " +
                string.Join("; ", report.Interventions.Take(6).Select(i => i.Title)), "/failures?bucket=interventions", "failures"));
        }

        if (c.StaleProposals + c.StuckProposals > 0)
        {
            facts.Add(new("failures.proposals", $"{c.StaleProposals} proposals sent with no answer and {c.StuckProposals} stuck unsent in Proposal", "/failures", "failures"));
        }

        return facts;
    }
}

/// <summary>Today's brief: what changed in the last 24 hours.</summary>
public sealed class BriefContextSource(BriefService brief) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var report = await brief.GetAsync(ct);
        return report.Lines.Select(l => new ContextFact($"{l.Key}", $"{l.Label}: {l.Count} in the last 24 hours", l.Link, "brief")).ToList();
    }
}

/// <summary>The money scorecard: won value, pipeline value, win rate, deal size, cycle time.</summary>
public sealed class ScorecardContextSource(ScorecardService scorecard) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var report = await scorecard.GetAsync(ct);
        return report.Figures.Select(f => new ContextFact(
            f.Key.StartsWith("scorecard.", StringComparison.Ordinal) ? f.Key : "scorecard." + f.Key,
            $"{f.Label}: {Format(f.Value, f.Unit)}" + (f.Previous is null ? "" : $" (previous period {Format(f.Previous, f.Unit)})"),
            "/", "scorecard")).ToList();
    }

    private static string Format(decimal? value, string unit) => value is null ? "no data" : $"{value.Value:0.##} {unit}".Trim();
}

/// <summary>Results Ledger: which active clients are off target, unmeasured, or on track.</summary>
public sealed class ResultsContextSource(ClientSuccessService results) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        var clients = (await results.ListClientsAsync(new ClientListQuery(PageSize: 500), ct)).Items;
        var off = clients.Where(c => c.Track == ResultTrack.OffTrack).ToList();
        var facts = new List<ContextFact>
        {
            new("results.offTarget", $"{off.Count} of {clients.Count} active clients are off target" + (off.Count == 0 ? "" : ": " + string.Join(", ", off.Select(c => $"\"{c.Title}\""))),
                "/clients", "results"),
            new("results.onTrack", $"{clients.Count(c => c.Track is ResultTrack.OnTrack or ResultTrack.TargetMet)} clients are on track or have met their target", "/clients", "results"),
        };
        facts.AddRange(clients.Where(c => c.TargetValue is not null).Take(15).Select(c => new ContextFact(
            $"client:{c.LeadId}.result",
            $"\"{c.Title}\": {c.MetricName} current {Num(c.CurrentValue)} vs target {Num(c.TargetValue)} (baseline {Num(c.BaselineValue)}), {c.TrackNote}",
            $"/leads/{c.LeadId}", "results")));
        return facts;
    }

    private static string Num(decimal? value) => value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}

/// <summary>Learning and playbook: what is promoted and what waits.</summary>
public sealed class LearningContextSource(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatContextSource
{
    public async Task<IReadOnlyList<ContextFact>> GetFactsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.Set<PlaybookEntry>().CountAsync(ct);
        var byState = await db.Set<LearningProposal>().GroupBy(p => p.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return
        [
            new("learning.playbook", $"The playbook has {entries} entries", "/playbook", "learning"),
            new("learning.proposals", "Learning proposals: " + string.Join(", ", byState.Select(s => $"{s.Count} {s.Key}")), "/learning", "learning"),
        ];
    }
}

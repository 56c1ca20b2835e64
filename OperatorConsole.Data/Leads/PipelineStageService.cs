using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

/// <summary>One stage of the pipeline: its deals (not archived), their estimated value, and for an open stage its measured win rate.</summary>
public sealed record PipelineStageRow(LeadStatus Stage, int Count, decimal Value, StageWinRate? WinRate)
{
    /// <summary>The stage's value at its win rate; none for a closed stage or one without a rate.</summary>
    public decimal? Weighted => WinRate?.Weigh(Value);
}

/// <summary>Every stage in pipeline order, and the open pipeline weighted by the stages' measured win rates (ADR 248).</summary>
public sealed record PipelineByStage(IReadOnlyList<PipelineStageRow> Rows, WeightedPipeline Weighted)
{
    public int ClosedDeals => Rows.Where(r => !r.Stage.IsOpenDeal()).Sum(r => r.Count);

    /// <summary>Compared by what the card shows: the rows' figures and the weighted total (a record's list compares by reference).</summary>
    public static bool SameShown(PipelineByStage a, PipelineByStage b) =>
        a.Rows.SequenceEqual(b.Rows) && a.Weighted.Weighted == b.Weighted.Weighted && a.Weighted.Unweighted.SequenceEqual(b.Weighted.Unweighted);
}

/// <summary>The pipeline by stage: counts and values per stage, and the win rates measured from the closed deals' stage history.</summary>
public sealed class PipelineStageService(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    public async Task<PipelineByStage> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var grouped = await leads.GroupBy(l => l.Status)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Value = g.Sum(l => (double?)l.EstimatedValue) ?? 0 })
            .ToListAsync(ct);
        var rates = StageWinRates.Measure(await ClosedDealsAsync(db, leads, ct));
        var rows = Enum.GetValues<LeadStatus>()
            .Select(s => grouped.FirstOrDefault(g => g.Stage == s) is { } g ? (Stage: s, g.Count, Value: (decimal)g.Value) : (Stage: s, Count: 0, Value: 0m))
            .Select(r => new PipelineStageRow(r.Stage, r.Count, r.Value, rates.FirstOrDefault(w => w.Stage == r.Stage)))
            .ToList();
        var open = rows.Where(r => r.Stage.IsOpenDeal()).ToDictionary(r => r.Stage, r => (r.Count, r.Value));
        return new PipelineByStage(rows, StageWinRates.Weigh(rates, open));
    }

    /// <summary>
    /// Every closed deal (won: a client stage; lost) with the open stages its history names. Two reads, not one per
    /// deal: the closed deals, then their history's open stages (about two entries per deal on a real CRM import).
    /// </summary>
    private static async Task<List<ClosedDealPath>> ClosedDealsAsync(ConsoleDbContext db, IQueryable<Lead> leads, CancellationToken ct)
    {
        var openStages = LeadStatusExtensions.OpenDealStages.ToArray();
        var closed = leads.Where(l => !openStages.Contains(l.Status));
        var outcomes = await closed.Select(l => new { l.Id, l.Status }).ToListAsync(ct);
        var named = await db.Set<LeadStatusChange>().AsNoTracking()
            .Where(c => closed.Any(l => l.Id == c.LeadId))
            .Select(c => new { c.LeadId, c.FromStatus, c.ToStatus })
            .ToListAsync(ct);
        var stagesOf = named
            .SelectMany(c => new[] { c.FromStatus, (LeadStatus?)c.ToStatus }.OfType<LeadStatus>().Where(s => s.IsOpenDeal()).Select(s => (c.LeadId, Stage: s)))
            .ToLookup(p => p.LeadId, p => p.Stage);
        return outcomes.Select(o => new ClosedDealPath(o.Status.IsClient(), stagesOf[o.Id].Distinct().ToList())).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>
/// Learning proposals still waiting for a person (open or awaiting a decision) whose confidence is below the
/// floor: the built-in extractor's proposals always are, on purpose, until someone reviews them.
/// </summary>
public sealed class LowConfidenceLearningSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ILowConfidenceSource
{
    public const string Kind = "learning_proposal";

    public IReadOnlyCollection<string> Topics { get; } = [nameof(LearningProposal)];

    public async Task<IReadOnlyList<LowConfidenceItem>> GetAsync(DateTime now, double floor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.Set<LearningProposal>().AsNoTracking()
            .Where(p => p.Confidence < floor && (p.State == LearningProposalState.Open || p.State == LearningProposalState.PromotionRequested))
            .OrderBy(p => p.Confidence).ThenByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Text, p.Confidence, p.CreatedAt, p.Engine })
            .ToListAsync(ct);
        return items.Select(p => new LowConfidenceItem(
                Kind,
                LearningRules.Headline(p.Text),
                p.Confidence,
                $"/learning?proposal={p.Id}",
                Kind,
                p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.CreatedAt,
                Engine: p.Engine))
            .ToList();
    }
}

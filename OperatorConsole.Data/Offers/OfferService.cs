using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Offers;

/// <summary>The offer ladder (sprint 3.3): per-lead offer decisions and revenue / win rate by offer type.</summary>
public sealed class OfferService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<LeadOfferView?> GetAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().Where(l => l.Id == leadId).Select(l => new { l.Id, l.OfferType }).FirstOrDefaultAsync(ct);
        if (lead is null)
        {
            return null;
        }

        var offer = await db.Set<LeadOffer>().AsNoTracking().FirstOrDefaultAsync(o => o.LeadId == leadId, ct);
        return new LeadOfferView(lead.Id, lead.OfferType, offer?.WhyChosen, offer?.UpgradePath, offer?.RepeatabilityScore, offer?.UpdatedAt, offer?.UpdatedByName);
    }

    /// <summary>Sets the lead's offer type and the reasoning in one audited write (operator only).</summary>
    public async Task<OperationResult<LeadOfferView>> SetAsync(int leadId, SetLeadOfferRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<LeadOfferView>(actor, "Only a signed-in operator can set a lead's offer.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<LeadOfferView>.NotFound($"Lead {leadId} does not exist.");
        }

        var errors = OfferRules.Validate(request.OfferType, request.WhyChosen, request.UpgradePath, request.RepeatabilityScore);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LeadOfferView>();
        }

        var offer = await db.Set<LeadOffer>().FirstOrDefaultAsync(o => o.LeadId == leadId, ct);
        var before = new LeadOfferView(lead.Id, lead.OfferType, offer?.WhyChosen, offer?.UpgradePath, offer?.RepeatabilityScore, offer?.UpdatedAt, offer?.UpdatedByName);
        var now = time.GetUtcNow().UtcDateTime;
        if (offer is null)
        {
            offer = new LeadOffer { LeadId = leadId, UpdatedById = actor.Id, UpdatedByName = actor.DisplayName };
            db.Add(offer);
        }

        offer.WhyChosen = TextInput.Clean(request.WhyChosen);
        offer.UpgradePath = TextInput.Clean(request.UpgradePath);
        offer.RepeatabilityScore = request.RepeatabilityScore;
        offer.UpdatedAt = now;
        offer.UpdatedByKind = actor.Kind;
        offer.UpdatedById = actor.Id;
        offer.UpdatedByName = actor.DisplayName;
        lead.OfferType = request.OfferType;
        lead.UpdatedAt = now;
        var after = new LeadOfferView(lead.Id, lead.OfferType, offer.WhyChosen, offer.UpgradePath, offer.RepeatabilityScore, now, actor.DisplayName);
        db.Audit(actor, now, "lead.offer_set", "lead", lead.Id, $"Offer for \"{lead.Title}\": {OfferRules.Label(request.OfferType!.Value)}", before: before, after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<LeadOfferView>.Ok(after);
    }

    /// <summary>Revenue and win rate per offer type over every non-archived lead (rules in <see cref="OfferPerformance"/>).</summary>
    public async Task<OfferPerformanceReport> PerformanceAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived)
            .Select(l => new { l.Id, l.OfferType, l.Status, l.EstimatedValue })
            .ToListAsync(ct);
        var decided = await db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome != null)
            .Select(p => new { p.LeadId, p.Outcome, p.OutcomeValue, p.Amount })
            .ToListAsync(ct);
        var byLead = decided.ToLookup(p => p.LeadId);
        var facts = leads.Select(l => new OfferDealFact(l.Id, l.OfferType, l.Status, l.EstimatedValue,
            byLead[l.Id].Select(p => (p.Outcome, p.OutcomeValue, p.Amount)).ToList()));
        return new OfferPerformanceReport(time.GetUtcNow().UtcDateTime, OfferPerformance.Compute(facts));
    }
}

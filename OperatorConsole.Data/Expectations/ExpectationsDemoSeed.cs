using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Expectations;

/// <summary>
/// A few expectation histories on the demo's packaged leads, seeded right after the packages: one lead in Proposal
/// over-asking with no reset script (so Failures &amp; Interventions shows it), one whose expectations moved from
/// over-asking to aligned, one under-asking and one aligned from the start.
/// </summary>
public sealed class ExpectationsDemoSeed : IDemoSeedContributor
{
    public int Order => 31;

    private sealed record Snapshot(
        string TitlePrefix, double DaysAgo, string? Requested, string? Realistic, string[] Flags, string? Notes,
        AskCalibration? Ask, string? Need, string? Script);

    private static readonly Snapshot[] Snapshots =
    [
        // In Proposal, over-asking, and nobody has written the reset conversation: an intervention.
        new("Customer onboarding portal", 6,
            "Fully automated onboarding with zero staff touch, live in 4 weeks.",
            "60–70% of applications processed without a person; edge cases still reviewed. 8–10 weeks.",
            ["unrealistic_timeline", "data_not_ready"],
            "Their policy data lives in three systems; one has no API.",
            AskCalibration.OverAsking,
            "Cut the back-and-forth e-mails that make onboarding take 9 days.",
            null),

        // Expectations that moved: over-asking first, then reset with talking points.
        new("Contract review assistant", 9,
            "AI that signs off contracts without a lawyer reading them.",
            "First-pass review flags 80–90% of risky clauses; a lawyer still approves.",
            ["expects_guaranteed_revenue", "stakeholder_misalignment"],
            "Managing partner and IT lead want different things.",
            AskCalibration.OverAsking,
            "Halve the time associates spend on first-pass review.",
            null),
        new("Contract review assistant", 5,
            "First-pass review that lets associates skip the boilerplate.",
            "First-pass review flags 80–90% of risky clauses; associate time per contract down 40–50%.",
            ["stakeholder_misalignment"],
            "Partner agreed the lawyer stays in the loop.",
            AskCalibration.Aligned,
            "Halve the time associates spend on first-pass review.",
            "- The assistant drafts, a lawyer decides: that is what keeps you insured.\n- We measure associate hours per contract before and after.\n- Sign-off without review is not on the table in any tool we would stand behind."),

        // Under-asking: they asked for an export, they need the matching done.
        new("Invoice matching", 10,
            "A CSV export of unmatched invoices each morning.",
            "85–95% of invoices matched automatically; exceptions queued with reasons.",
            ["vague_success_metric"],
            null,
            AskCalibration.UnderAsking,
            "Stop two people spending every Monday matching invoices by hand.",
            "- An export moves the problem; matching removes it.\n- Show last month: 1,400 invoices, 31 hours of matching."),

        new("AI sales assistant", 20,
            "Reps spend less time on research and follow-ups.",
            "5–8 hours a week saved per rep; follow-up rate up 20–30%.",
            ["data_not_ready"],
            "CRM notes are patchy before 2025.",
            AskCalibration.Aligned,
            "More first meetings per rep without hiring.",
            null),
    ];

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        foreach (var snapshot in Snapshots)
        {
            await AddAsync(db, context, snapshot, ct);
        }
    }

    /// <summary>The next numbered snapshot of the first lead whose title starts with the prefix (none if no such lead).</summary>
    private static async Task AddAsync(ConsoleDbContext db, DemoSeedContext context, Snapshot s, CancellationToken ct)
    {
        var lead = await db.Set<Lead>().AsNoTracking().FirstOrDefaultAsync(l => l.Title.StartsWith(s.TitlePrefix), ct);
        if (lead is null)
        {
            return;
        }

        var number = await db.Set<ExpectationSnapshot>().CountAsync(x => x.LeadId == lead.Id, ct) + 1;
        db.Add(new ExpectationSnapshot
        {
            LeadId = lead.Id,
            Number = number,
            RequestedOutcome = s.Requested,
            RealisticOutcomeRange = s.Realistic,
            RiskFlags = [.. s.Flags],
            RiskNotes = s.Notes,
            AskCalibration = s.Ask,
            ActualNeed = s.Need,
            ResetScript = s.Script,
            CreatedAt = context.DaysAgo(s.DaysAgo),
            CreatedByKind = context.Operator.Kind,
            CreatedById = context.Operator.Id,
            CreatedByName = context.Operator.DisplayName,
        });
        await db.SaveChangesAsync(ct);
    }
}

using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Assets;

/// <summary>
/// Demo reusable assets for the shipped and building clients. One shipped client (Vector Growth) is left
/// without an entry on purpose, so the "missing reusable asset" intervention has something to show.
/// </summary>
public sealed class AssetsDemoSeed : IDemoSeedContributor
{
    public const string DeliberatelyMissingCompany = "Vector Growth";

    public int Order => 40;

    public Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var byCompany = context.Leads.ToDictionary(l => l.Company ?? l.Title);
        void Add(string company, double daysAgo, bool extracted, AssetType? type = null, string? label = null, string? storedAt = null,
            ReuseConfidence? confidence = null, string? notes = null, string? reason = null)
        {
            if (!byCompany.TryGetValue(company, out var lead))
            {
                return;
            }

            var at = context.DaysAgo(daysAgo);
            db.Add(new ReusableAssetEntry
            {
                LeadId = lead.Id,
                Extracted = extracted,
                NotExtractedReason = reason,
                Type = type,
                Label = label,
                StoredAt = storedAt,
                ReuseConfidence = confidence,
                Notes = notes,
                CreatedAt = at,
                UpdatedAt = at,
                CreatedById = context.Operator.Id,
                CreatedByName = context.Operator.DisplayName,
            });
        }

        Add("Helio SaaS", 18, true, AssetType.Prompt, "Ticket summary prompt (3-bullet, sentiment, next step)",
            "https://github.com/agency/prompts/blob/main/support/ticket-summary.md", ReuseConfidence.High,
            "Worked on 2,400 real tickets with no edits after week one.");
        Add("Helio SaaS", 17, true, AssetType.Component, "Zendesk webhook → queue adapter", "repo: agency/components/zendesk-adapter",
            ReuseConfidence.Medium, "Needs the auth bits made configurable before the next client.");
        Add("Oak Street Dental", 35, true, AssetType.Workflow, "Review-request sequence (SMS day 1, e-mail day 3)",
            "Notion: Delivery / Workflows / Review requests", ReuseConfidence.High, "Any appointment-based business.");
        Add("Quill Agency", 26, true, AssetType.Template, "Proposal & SOW generator starter", "repo: agency/templates/proposal-sow",
            ReuseConfidence.Medium);
        Add("Quill Agency", 25, true, AssetType.CaseStudy, "Quill: proposals in 20 minutes instead of 3 hours",
            "Google Drive: Sales / Case studies / Quill.pdf", ReuseConfidence.High, "Approved by the client for public use.");
        Add("Coastal Tours", 60, false, reason: "One-off WhatsApp integration on the client's legacy booking system; nothing generic to keep.");
        Add("Sparkline Electric", 3, true, AssetType.Checklist, "Field-service go-live checklist", "Notion: Delivery / Checklists / Go-live",
            ReuseConfidence.Low, "Draft: written during the build, not yet used twice.");
        // Vector Growth (shipped) deliberately has no entry: it shows up in Failures & Interventions.
        return Task.CompletedTask;
    }
}

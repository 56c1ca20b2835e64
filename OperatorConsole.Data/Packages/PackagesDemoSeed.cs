using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Packages;

/// <summary>
/// Demo service packages with leads sold on them and their offer-ladder decisions (the expectation histories on
/// those leads are <see cref="Expectations.ExpectationsDemoSeed"/>, seeded right after).
/// </summary>
public sealed class PackagesDemoSeed : IDemoSeedContributor
{
    public int Order => 30;

    private sealed record PackageSeed(
        ServicePackage Package, OfferType Offer, int Repeatability, string WhyChosen, string UpgradePath, string[] LeadTitlePrefixes);

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var seeds = Packages(context);
        db.AddRange(seeds.Select(s => s.Package));
        await db.SaveChangesAsync(ct);

        var proposals = await db.Set<Proposal>().ToListAsync(ct);
        foreach (var seed in seeds)
        {
            foreach (var prefix in seed.LeadTitlePrefixes)
            {
                var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Title.StartsWith(prefix), ct);
                if (lead is null)
                {
                    continue;
                }

                lead.ServicePackageId = seed.Package.Id;
                lead.OfferType = seed.Offer;
                foreach (var proposal in proposals.Where(p => p.LeadId == lead.Id))
                {
                    proposal.ServicePackageId = seed.Package.Id;
                }

                db.Add(new LeadOffer
                {
                    LeadId = lead.Id,
                    WhyChosen = seed.WhyChosen,
                    UpgradePath = seed.UpgradePath,
                    RepeatabilityScore = seed.Repeatability,
                    UpdatedAt = lead.CreatedAt.AddDays(1),
                    UpdatedByKind = context.Operator.Kind,
                    UpdatedById = context.Operator.Id,
                    UpdatedByName = context.Operator.DisplayName,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static List<PackageSeed> Packages(DemoSeedContext context) =>
    [
        new(new ServicePackage
            {
                Name = "Intake Assistant Sprint",
                PromisedOutcome = "New enquiries answered in under 2 minutes, 24/7, with qualified ones booked straight into the calendar.",
                ScopeIncluded = "AI intake assistant on the website and WhatsApp, FAQ knowledge base from existing documents, calendar booking, hand-off to staff with a summary.",
                Exclusions = "Phone/voice agents, EHR or practice-management write-back, multilingual beyond two languages.",
                IdealClient = "Clinics, law firms and local service businesses with 50+ enquiries a week and one front-desk person.",
                DeliverySteps = ["Kick-off call and enquiry audit (last 100 enquiries)", "Knowledge base import and answer review", "Assistant configured and tested on 30 real questions", "Calendar and hand-off wiring", "Go-live and week-one tuning"],
                TurnaroundTarget = "10 working days",
                RevisionPolicy = "Two rounds of answer revisions before go-live; one tuning pass after week one.",
                PriceMin = 4500,
                PriceMax = 7500,
                Currency = "USD",
                UpgradeOptions = [new("Second location / brand", 1500), new("Monthly tuning retainer", 600), new("SMS follow-up sequences", 1200)],
                CreatedAt = context.DaysAgo(120),
                UpdatedAt = context.DaysAgo(20),
            },
            OfferType.Productized, 5,
            "Same build as three previous clinics: fixed scope, ten-day delivery.",
            "Monthly tuning retainer, then the Back-Office Automation Pack for their scheduling.",
            ["AI intake assistant", "Chatbot for legal intake", "Patient intake forms", "Support ticket summariser", "Review-request automation"]),
        new(new ServicePackage
            {
                Name = "Back-Office Automation Pack",
                PromisedOutcome = "10+ hours a week of manual finance or ops work removed, measured against a two-week baseline.",
                ScopeIncluded = "Up to three workflows (invoice matching, month-end tasks, supplier onboarding…), integration with their accounting tool, exception queue, weekly hours-saved report.",
                Exclusions = "ERP migrations, custom dashboards beyond the hours-saved report, tax or legal advice.",
                IdealClient = "Accounting-heavy SMEs (20–200 staff) with a finance team drowning in spreadsheets.",
                DeliverySteps = ["Two-week baseline of hours and error rate", "Workflow mapping with the finance lead", "Build and test on last month's data", "Parallel run for one close cycle", "Cut-over and hours-saved report"],
                TurnaroundTarget = "3–4 weeks",
                RevisionPolicy = "Changes inside the three agreed workflows are included until cut-over; new workflows are a change request.",
                PriceMin = 9000,
                PriceMax = 24000,
                Currency = "USD",
                UpgradeOptions = [new("Additional workflow", 4000), new("Quarterly optimisation review", 1800)],
                CreatedAt = context.DaysAgo(90),
                UpdatedAt = context.DaysAgo(12),
            },
            OfferType.FastCashDfy, 4,
            "They need hours back before quarter end; a done-for-you build pays for itself in one close.",
            "Additional workflows each quarter; premium custom system once three are live.",
            ["Invoice matching", "Automated month-end close", "Supplier onboarding", "Warehouse pick-list"]),
        new(new ServicePackage
            {
                Name = "Custom AI Revenue System",
                PromisedOutcome = "A sales or operations system built around the client's data that moves a revenue metric they already track.",
                ScopeIncluded = "Discovery and metric agreement, data pipeline, AI components (assistant, scoring, drafting), integration into their CRM, training and a 60-day results review.",
                Exclusions = "Guaranteed revenue figures, hiring or managing their sales team, paid media.",
                IdealClient = "B2B companies with a sales team of 5+ and at least a year of CRM history.",
                DeliverySteps = ["Discovery and target metric with baseline", "Data audit and pipeline", "Prototype on historical data", "Pilot with two reps", "Rollout and training", "60-day results review"],
                TurnaroundTarget = "8–10 weeks",
                RevisionPolicy = "Unlimited revisions during the pilot; after rollout, changes are scoped as upgrades.",
                PriceMin = 25000,
                PriceMax = 45000,
                Currency = "USD",
                UpgradeOptions = [new("Additional team or region", 8000), new("Dedicated success retainer (monthly)", 3500)],
                CreatedAt = context.DaysAgo(75),
                UpdatedAt = context.DaysAgo(30),
            },
            OfferType.PremiumCustomSystem, 2,
            "Their data and process are unusual; only a custom build moves their metric.",
            "Success retainer; extract the scoring module into a productized offer.",
            ["AI sales assistant", "Contract review assistant", "Claims triage", "Customer onboarding portal"]),
        new(new ServicePackage
            {
                Name = "Newsletter Autopilot (retired)",
                PromisedOutcome = "A weekly AI-drafted newsletter in the client's voice.",
                ScopeIncluded = "Voice guide, drafting workflow, editor review step.",
                Exclusions = "Sending, list management, design.",
                IdealClient = "Media and creator businesses.",
                DeliverySteps = ["Voice guide", "Drafting workflow", "Review step"],
                TurnaroundTarget = "1 week",
                RevisionPolicy = "One revision round.",
                PriceMin = 2500,
                PriceMax = 3500,
                Currency = "USD",
                // Retired after clients chose off-the-shelf tools; archived because a lead used it.
                IsArchived = true,
                CreatedAt = context.DaysAgo(200),
                UpdatedAt = context.DaysAgo(40),
            },
            OfferType.FastCashDfy, 3,
            "Quick win to open the account.",
            "None: retired.",
            ["AI newsletter writer"]),
    ];
}

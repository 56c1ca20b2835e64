using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Artifacts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

/// <summary>
/// Results for the demo's clients: most on track, Quill Agency off track, Vector Growth not measured for
/// weeks, Coastal Tours past its target from a zero baseline (so "% undefined" shows), a Building client
/// with a baseline and no outcome yet, an Approved client with a target but no baseline, and GreenLeaf
/// Foods with no target at all. Times are relative to the seeding clock.
/// </summary>
public sealed class ResultsDemoSeed : IDemoSeedContributor
{
    public int Order => 10;

    private sealed record Plan(
        string Company,
        string Metric,
        string Unit,
        ResultDirection Direction,
        decimal Target,
        double DueInDays,
        double TargetSetDaysAgo,
        (decimal Value, double DaysAgo, string Source)? Baseline,
        (decimal Value, double DaysAgo, string Source, string? Note)[] Outcomes,
        (string What, double DaysAgo)[] Interventions,
        string? WhatWorked = null,
        string? WhatFailed = null,
        string? Feedback = null,
        string? Risks = null,
        (string Title, string Url)[]? Proof = null);

    private static readonly Plan[] Plans =
    [
        new("Helio SaaS", "Median first-response time", "min", ResultDirection.LowerIsBetter, 6, 25, 35,
            (14, 35, "Zendesk Explore export, 4 weeks before launch"),
            [(11.5m, 21, "Zendesk Explore weekly report", null), (9m, 14, "Zendesk Explore weekly report", "Summaries now attached to every new ticket."),
             (7.8m, 7, "Zendesk Explore weekly report", null), (7.1m, 2, "Zendesk Explore weekly report", null)],
            [("Shipped the ticket summariser to the tier-1 queue", 24), ("Trained the night shift on the summary panel", 12)],
            WhatWorked: "Summaries on the ticket sidebar: agents stopped re-reading long threads.",
            WhatFailed: "Auto-tagging was too noisy and was switched off after a week.",
            Feedback: "\"Our first replies went out noticeably faster in week two.\" — Mina Ito",
            Risks: "Ticket volume doubles in January; the summariser's token budget may cap out.",
            Proof: [("Zendesk response-time dashboard (snapshot)", "https://example.com/proof/helio/zendesk-response-times")]),
        new("Oak Street Dental", "New Google reviews per month", "reviews", ResultDirection.HigherIsBetter, 15, 20, 60,
            (3, 60, "Google Business Profile insights"),
            [(5, 45, "Google Business Profile insights", null), (9, 30, "Google Business Profile insights", null),
             (12, 15, "Google Business Profile insights", null), (14, 3, "Google Business Profile insights", "Best month since opening.")],
            [("Review request sent by SMS two hours after the visit", 50)],
            WhatWorked: "SMS after the visit beat e-mail three to one.",
            Feedback: "Front desk likes not having to ask in person."),
        new("Quill Agency", "Hours to produce a SOW", "h", ResultDirection.LowerIsBetter, 2, 4, 50,
            (6, 50, "Time tracking (Harvest), last 10 SOWs"),
            [(5.5m, 28, "Harvest time entries", null), (5.2m, 12, "Harvest time entries", null), (5.6m, 4, "Harvest time entries", "Two custom SOWs this week skipped the generator.")],
            [("Generator shipped with three SOW templates", 45), ("Walkthrough with the account team", 20)],
            WhatWorked: "Pricing tables fill themselves from the proposal.",
            WhatFailed: "The account team keeps starting from old Word files; the template library is not adopted.",
            Risks: "Target due in days and hours are flat: renewal conversation at risk."),
        new("Vector Growth", "Enriched leads per week", "leads", ResultDirection.HigherIsBetter, 300, 60, 80,
            (120, 80, "HubSpot list export"),
            [(170, 70, "HubSpot list export", null), (240, 45, "HubSpot list export", "Added a second enrichment provider.")],
            [("Added fallback enrichment provider", 50)],
            WhatWorked: "Fallback provider lifted match rate from 61% to 78%.",
            Proof: [("Enrichment match-rate report", "https://example.com/proof/vector/match-rate")]),
        new("Coastal Tours", "Bookings through the WhatsApp bot per week", "bookings", ResultDirection.HigherIsBetter, 20, -10, 90,
            (0, 90, "Booking system: no online channel before the bot"),
            [(8, 60, "Booking system weekly export", null), (16, 35, "Booking system weekly export", null),
             (22, 20, "Booking system weekly export", "Target reached."), (24, 6, "Booking system weekly export", null)],
            [("Bot launched on the main WhatsApp number", 85), ("Added Spanish replies", 40)],
            WhatWorked: "Spanish replies doubled weekend bookings.",
            Feedback: "\"We stopped missing late-night booking requests.\" — Lucia Gomez"),
        new("Sparkline Electric", "Jobs scheduled per dispatcher hour", "jobs/h", ResultDirection.HigherIsBetter, 5, 50, 12,
            (3.2m, 12, "Dispatch log, two weeks before build"), [], [],
            Risks: "Depends on the field-service API access the client has not granted yet."),
        new("Apex Industrial", "Quote turnaround", "h", ResultDirection.LowerIsBetter, 8, 45, 25,
            (48, 25, "CRM quote timestamps, last quarter"),
            [(30, 5, "CRM quote timestamps", "Pilot with two sales reps.")],
            [("Pilot with two reps", 10)]),
        new("Birch Accounting", "Days to close the month", "days", ResultDirection.LowerIsBetter, 4, 60, 8,
            (9, 8, "Controller's close checklist, October"), [], []),
        new("PulseFit", "Monthly member churn", "%", ResultDirection.LowerIsBetter, 3, 90, 3, null, [], [],
            Risks: "No baseline yet: churn export from the gym software is pending."),
    ];

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        foreach (var plan in Plans)
        {
            if (context.Leads.FirstOrDefault(l => l.Company == plan.Company && l.Status.IsClient()) is not { } lead)
            {
                continue;
            }

            db.Add(ClientSuccessOf(plan, lead, context));
            AddOutcomes(db, plan, lead, context);
            AddInterventions(db, plan, lead, context);
            AddProof(db, plan, lead, context);
        }

        await db.SaveChangesAsync(ct);
    }

    private static ClientSuccess ClientSuccessOf(Plan plan, Lead lead, DemoSeedContext context) => new()
    {
        LeadId = lead.Id,
        MetricName = plan.Metric,
        Unit = plan.Unit,
        Direction = plan.Direction,
        TargetValue = plan.Target,
        DueDate = context.DaysAgo(-plan.DueInDays),
        TargetSetAt = context.DaysAgo(plan.TargetSetDaysAgo),
        BaselineValue = plan.Baseline?.Value,
        BaselineMeasuredAt = plan.Baseline is { } b ? context.DaysAgo(b.DaysAgo) : null,
        BaselineSource = plan.Baseline?.Source,
        WhatWorked = plan.WhatWorked,
        WhatFailed = plan.WhatFailed,
        ClientFeedback = plan.Feedback,
        Risks = plan.Risks,
        CreatedAt = context.DaysAgo(plan.TargetSetDaysAgo),
        UpdatedAt = context.DaysAgo(Math.Min(plan.TargetSetDaysAgo, 1)),
        UpdatedByName = context.Operator.DisplayName,
    };

    /// <summary>Measurements as the client's reporting agent sends them, two hours after they were taken.</summary>
    private static void AddOutcomes(ConsoleDbContext db, Plan plan, Lead lead, DemoSeedContext context)
    {
        foreach (var (value, daysAgo, source, note) in plan.Outcomes)
        {
            var at = context.DaysAgo(daysAgo);
            db.Add(new OutcomeEntry
            {
                LeadId = lead.Id,
                Value = value,
                MeasuredAt = at,
                Source = source,
                Note = note,
                RecordedAt = at.AddHours(2),
                RecordedByKind = ActorKind.ApiKey,
                RecordedById = context.Agent.Id,
                RecordedByName = context.Agent.DisplayName,
            });
        }
    }

    private static void AddInterventions(ConsoleDbContext db, Plan plan, Lead lead, DemoSeedContext context)
    {
        foreach (var (what, daysAgo) in plan.Interventions)
        {
            db.Add(new ClientIntervention
            {
                LeadId = lead.Id,
                WhatWasDone = what,
                DoneAt = context.DaysAgo(daysAgo),
                RecordedAt = context.DaysAgo(daysAgo),
                RecordedByName = context.Operator.DisplayName,
            });
        }
    }

    private static void AddProof(ConsoleDbContext db, Plan plan, Lead lead, DemoSeedContext context)
    {
        foreach (var (title, url) in plan.Proof ?? [])
        {
            db.Add(new Artifact
            {
                LeadId = lead.Id,
                Kind = ArtifactKind.ProofArtifact,
                Title = title,
                Url = url,
                CreatedAt = context.DaysAgo(2),
                CreatedByKind = ActorKind.User,
                CreatedById = context.Operator.Id,
                CreatedByName = context.Operator.DisplayName,
            });
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Seed;

/// <summary>What a feature's demo contributor gets: the clock, a fixed-seed random and the leads made so far.</summary>
public sealed class DemoSeedContext(DateTime now, IReadOnlyList<Lead> leads)
{
    public DateTime Now { get; } = now;
    public Random Random { get; } = new(20261125);
    public IReadOnlyList<Lead> Leads { get; } = leads;
    public Actor Operator { get; } = new(ActorKind.User, "demo-operator", "Demo Operator", IsOperator: true);
    public Actor Agent { get; } = new(ActorKind.ApiKey, "demo-agent", "Pipeline runner (demo)");

    public DateTime DaysAgo(double days) => Now.AddDays(-days);
}

/// <summary>A feature adds its own part of the demo business (results, assets, jobs…) after the core.</summary>
public interface IDemoSeedContributor
{
    int Order { get; }

    Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct);
}

/// <summary>
/// Fills an empty database with a believable small agency: about 30 leads across every stage, touches,
/// runs (some failed or partial), proposals, pending approvals and one integration that went quiet.
/// Deterministic, so screenshots and demos look the same every time.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    IServiceProvider services,
    ILogger<DemoSeeder> logger)
{
    private static readonly (string Title, string Company, string Contact, string Source, decimal Value, LeadStatus Status, double DaysInStage, double LastTouchDaysAgo)[] Leads =
    [
        ("AI intake assistant for dental group", "BrightSmile Dental", "Maria Okafor", "referral", 18000, LeadStatus.New, 2, 1),
        ("Quote automation for roofing firm", "Summit Roofing", "Dave Kowalski", "linkedin", 9500, LeadStatus.New, 16, 16),
        ("Inventory sync for Shopify store", "Fern & Fig Goods", "Priya Natarajan", "website", 6200, LeadStatus.New, 4, 3),
        ("Lead scoring for real-estate team", "Harbor Realty", "Tom Brennan", "cold email", 12000, LeadStatus.New, 9, 9),
        ("Chatbot for legal intake", "Kline & Associates", "Sarah Kline", "referral", 15000, LeadStatus.New, 1, 0.5),
        ("Reporting dashboard for logistics SME", "RouteWise Logistics", "Ahmed Saleh", "webinar", 22000, LeadStatus.Qualified, 6, 2),
        ("Email triage agent for accounting firm", "Ledgerline CPA", "Jenny Park", "referral", 14000, LeadStatus.Qualified, 12, 11),
        ("Appointment reminders for physio clinic", "MoveWell Physio", "Lucas Meyer", "linkedin", 5400, LeadStatus.Qualified, 3, 1),
        ("Proposal generator for design studio", "Studio Nord", "Elin Berg", "website", 8800, LeadStatus.Qualified, 8, 8),
        ("Knowledge base bot for SaaS support", "Tasklane", "Chris Doyle", "partner", 26000, LeadStatus.Qualified, 2, 2),
        ("Invoice matching automation", "Northwind Traders", "Nancy Davolio", "referral", 19500, LeadStatus.Proposal, 9, 8),
        ("Recruiting pipeline automation", "TalentBridge", "Omar Haddad", "linkedin", 16000, LeadStatus.Proposal, 4, 4),
        ("Customer onboarding portal", "Cobalt Insurance", "Grace Liu", "website", 32000, LeadStatus.Proposal, 12, 10),
        ("Menu & ordering AI for restaurants", "Saffron Group", "Ravi Mehta", "event", 11000, LeadStatus.Proposal, 2, 1),
        ("Contract review assistant", "Veritas Legal", "Helen Shaw", "referral", 28000, LeadStatus.Proposal, 7, 6),
        ("Churn alerts for gym chain", "PulseFit", "Jordan Reyes", "cold email", 13500, LeadStatus.Approved, 3, 1),
        ("Supplier onboarding workflow", "GreenLeaf Foods", "Anna Schmidt", "partner", 17500, LeadStatus.Approved, 5, 2),
        ("Field service scheduling", "Sparkline Electric", "Ben Carter", "referral", 21000, LeadStatus.Building, 10, 2),
        ("AI sales assistant for B2B distributor", "Apex Industrial", "Karen Wu", "linkedin", 35000, LeadStatus.Building, 18, 4),
        ("Automated month-end close", "Birch Accounting", "Paul Novak", "referral", 24000, LeadStatus.Building, 6, 1),
        ("Support ticket summariser", "Helio SaaS", "Mina Ito", "website", 9000, LeadStatus.Shipped, 20, 5),
        ("Review-request automation", "Oak Street Dental", "Sam Patel", "referral", 4800, LeadStatus.Shipped, 40, 12),
        ("Proposal & SOW generator", "Quill Agency", "Lena Fischer", "partner", 12500, LeadStatus.Shipped, 30, 9),
        ("Lead enrichment pipeline", "Vector Growth", "Ivan Petrov", "webinar", 14500, LeadStatus.Shipped, 55, 20),
        ("WhatsApp booking bot", "Coastal Tours", "Lucia Gomez", "website", 7200, LeadStatus.Shipped, 70, 30),
        ("Warehouse pick-list optimiser", "Boxwell", "Greg Hall", "cold email", 18000, LeadStatus.Lost, 15, 25),
        ("AI newsletter writer", "Brightline Media", "Olivia Grant", "linkedin", 3500, LeadStatus.Lost, 22, 30),
        ("Claims triage for insurer", "Shield Mutual", "Victor Hugo", "event", 40000, LeadStatus.Lost, 8, 14),
        ("Patient intake forms digitised", "CareFirst Clinic", "Dr. Amy Cho", "referral", 8000, LeadStatus.Qualified, 15, 15),
        ("Pricing calculator for SaaS", "Metrica", "Noah Klein", "website", 6900, LeadStatus.New, 0.2, -1),
    ];

    private static readonly LeadStatus[] Path = [LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Approved, LeadStatus.Building, LeadStatus.Shipped];

    /// <summary>Seeds only an empty database; returns false when there was already data.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<Lead>().AnyAsync(ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var leads = BuildLeads(now);
        // Every demo deal belongs to its company's account, as an imported or API-created one would.
        foreach (var group in leads.Where(l => l.Company is not null).GroupBy(l => OperatorConsole.Domain.Accounts.AccountRules.NameKey(l.Company)!))
        {
            var account = new OperatorConsole.Domain.Accounts.Account { Name = group.First().Company!, NameKey = group.Key, CreatedAt = group.Min(l => l.CreatedAt), UpdatedAt = now };
            foreach (var lead in group)
            {
                lead.Account = account;
            }
        }

        db.AddRange(leads);
        await db.SaveChangesAsync(ct);

        var context = new DemoSeedContext(now, leads);
        SeedTouches(db, context);
        SeedRuns(db, context);
        SeedProposalsAndApprovals(db, context);
        SeedIntegrations(db, context);
        await db.SaveChangesAsync(ct);

        foreach (var contributor in services.GetServices<IDemoSeedContributor>().OrderBy(c => c.Order))
        {
            await contributor.SeedAsync(db, context, ct);
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Demo business seeded: {Leads} leads", leads.Count);
        return true;
    }

    /// <summary>
    /// The demo's expected close dates, days from now: set on most deals with a proposal out, as a Pipedrive user sets
    /// one when a quote goes out; one is past it, so the list and the lead page show how a slipped date reads.
    /// </summary>
    private static readonly Dictionary<string, int> ExpectedCloseInDays = new(StringComparer.Ordinal)
    {
        ["Invoice matching automation"] = 6,
        ["Customer onboarding portal"] = 24,
        ["Contract review assistant"] = -3,
        ["Recruiting pipeline automation"] = 40,
    };

    private static List<Lead> BuildLeads(DateTime now)
    {
        var result = new List<Lead>();
        var random = new Random(7);
        foreach (var (title, company, contact, source, value, status, daysInStage, _) in Leads)
        {
            var stages = status == LeadStatus.Lost
                ? [LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Lost]
                : Path.TakeWhile(s => s <= status).ToList();
            // Each earlier stage lasted 2–9 days; the current one has lasted daysInStage.
            var entered = new List<DateTime>();
            var cursor = now.AddDays(-daysInStage);
            entered.Insert(0, cursor);
            for (var i = stages.Count - 2; i >= 0; i--)
            {
                cursor = cursor.AddDays(-(2 + random.NextDouble() * 7));
                entered.Insert(0, cursor);
            }

            var lead = new Lead
            {
                Title = title,
                Company = company,
                ContactName = contact,
                ContactEmail = contact.ToLowerInvariant().Replace("dr. ", "").Replace(' ', '.') + "@" + company.ToLowerInvariant().Replace(" ", "").Replace("&", "and") + ".example",
                Source = source,
                EstimatedValue = value,
                Status = status,
                CreatedAt = entered[0],
                UpdatedAt = entered[^1],
                StatusChangedAt = entered[^1],
                OfferType = (OfferType)(random.Next(3)),
                ExpectedCloseOn = ExpectedCloseInDays.TryGetValue(title, out var inDays) ? DateOnly.FromDateTime(now.AddDays(inDays)) : null,
            };
            for (var i = 0; i < stages.Count; i++)
            {
                lead.StatusHistory.Add(new LeadStatusChange
                {
                    FromStatus = i == 0 ? null : stages[i - 1],
                    ToStatus = stages[i],
                    ChangedAt = entered[i],
                    ActorKind = ActorKind.User,
                    ActorId = "demo-operator",
                    ActorName = "Demo Operator",
                    Reason = i == 0 ? "Created" : null,
                });
            }

            result.Add(lead);
        }

        return result;
    }

    private static void SeedTouches(ConsoleDbContext db, DemoSeedContext context)
    {
        var channels = Enum.GetValues<TouchChannel>();
        for (var i = 0; i < context.Leads.Count; i++)
        {
            var lead = context.Leads[i];
            var lastTouchDaysAgo = Leads[i].LastTouchDaysAgo;
            if (lastTouchDaysAgo < 0)
            {
                continue; // never touched: stale is counted from creation
            }

            var count = 1 + context.Random.Next(4);
            var span = (context.Now - lead.CreatedAt).TotalDays;
            for (var t = 0; t < count; t++)
            {
                var daysAgo = t == 0 ? lastTouchDaysAgo : Math.Min(span, lastTouchDaysAgo + context.Random.NextDouble() * Math.Max(1, span - lastTouchDaysAgo));
                var at = context.DaysAgo(daysAgo);
                db.Add(new Touch
                {
                    LeadId = lead.Id,
                    Channel = channels[context.Random.Next(channels.Length)],
                    Direction = context.Random.Next(3) == 0 ? TouchDirection.Inbound : TouchDirection.Outbound,
                    Summary = TouchSummaries[context.Random.Next(TouchSummaries.Length)],
                    OccurredAt = at,
                    RecordedAt = at,
                    ActorKind = ActorKind.User,
                    ActorId = "demo-operator",
                    ActorName = "Demo Operator",
                });
                if (lead.LastContactAt is null || at > lead.LastContactAt)
                {
                    lead.LastContactAt = at;
                }
            }
        }
    }

    private static readonly string[] TouchSummaries =
    [
        "Discovery call: mapped the manual steps and who owns them.",
        "Sent a short Loom walking through a similar build.",
        "They asked for a fixed price and a timeline.",
        "Follow-up: waiting on access to their CRM export.",
        "Checked in after the demo; positive, budget sign-off pending.",
        "Shared two case studies with numbers.",
    ];

    private static void SeedRuns(ConsoleDbContext db, DemoSeedContext context)
    {
        var latest = new Dictionary<Lead, PipelineRun>();
        string[] kinds = ["research", "enrich", "score", "draft"];
        for (var i = 0; i < context.Leads.Count; i++)
        {
            var lead = context.Leads[i];
            var runs = 1 + (i % 3);
            for (var r = 0; r < runs; r++)
            {
                var kind = kinds[(i + r) % kinds.Length];
                var started = context.DaysAgo(r * 2 + context.Random.NextDouble());
                var outcome = DemoRunOutcome(i, r);
                var run = DemoRun(lead, kind, started, outcome, context);
                db.Add(run);
                if (lead.LastRunStartedAt is null || started > lead.LastRunStartedAt)
                {
                    lead.LastRunStartedAt = started;
                    lead.LastRunFinishedAt = started.AddSeconds(4);
                    lead.LastRunStatus = outcome;
                    latest[lead] = run;
                }
            }
        }

        db.SaveChanges();
        foreach (var (lead, run) in latest)
        {
            lead.LastRunId = run.Id;
        }
    }

    /// <summary>A few leads end on a failed or partial run so the failures panel has real work.</summary>
    private static RunStatus DemoRunOutcome(int lead, int run) => (lead, run) switch
    {
        (3, 0) or (11, 0) or (18, 0) => RunStatus.Fail,
        (6, 0) or (13, 0) or (21, 0) => RunStatus.Partial,
        _ => RunStatus.Success,
    };

    /// <summary>A two-step run recorded by the demo agent, its steps failing as <paramref name="outcome"/> says.</summary>
    private static PipelineRun DemoRun(Lead lead, string kind, DateTime started, RunStatus outcome, DemoSeedContext context)
    {
        var steps = new List<PipelineRunStep>
        {
            new() { Position = 0, Name = "fetch", Success = outcome != RunStatus.Fail, Error = outcome == RunStatus.Fail ? "HTTP 429 from the enrichment provider" : null, DurationMs = 800 },
            new() { Position = 1, Name = "analyse", Success = outcome == RunStatus.Success, Error = outcome == RunStatus.Success ? null : "Model returned no usable answer", DurationMs = 2400 },
        };
        return new PipelineRun
        {
            LeadId = lead.Id,
            Kind = kind,
            StartedAt = started,
            FinishedAt = started.AddSeconds(4),
            Status = outcome,
            Error = RunStatusPolicy.FirstError(steps.Select(s => (s.Name, s.Success, s.Error)).ToList()),
            RecordedAt = started.AddSeconds(5),
            ActorKind = ActorKind.ApiKey,
            ActorId = context.Agent.Id,
            ActorName = context.Agent.DisplayName,
            Steps = steps,
        };
    }

    private static void SeedProposalsAndApprovals(ConsoleDbContext db, DemoSeedContext context)
    {
        foreach (var lead in context.Leads.Where(l => l.Status >= LeadStatus.Proposal))
        {
            var proposal = NewProposal(lead, context);
            if (lead.Status == LeadStatus.Proposal && lead.Title.StartsWith("Recruiting", StringComparison.Ordinal))
            {
                RequestSend(db, context, lead, proposal);
                continue;
            }

            SetOutcome(proposal, lead, context);
            db.Add(proposal);
        }

        db.Add(DeployRequest(context));
    }

    /// <summary>Version 1 of the lead's proposal, a draft written by the operator when the lead reached its stage.</summary>
    private static Proposal NewProposal(Lead lead, DemoSeedContext context)
    {
        var proposal = new Proposal
        {
            LeadId = lead.Id,
            Title = $"{lead.Title} — proposal",
            Body = $"Scope: {lead.Title} for {lead.Company}.\nOutcome: fewer manual hours, measured weekly.\nPrice: {lead.EstimatedValue:N0} USD fixed.",
            Amount = lead.EstimatedValue,
            CreatedAt = lead.StatusChangedAt.AddHours(6),
            UpdatedAt = lead.StatusChangedAt.AddHours(6),
            CreatedByKind = ActorKind.User,
            CreatedById = context.Operator.Id,
            CreatedByName = context.Operator.DisplayName,
        };
        proposal.Versions.Add(new ProposalVersion
        {
            Number = 1,
            Body = proposal.Body,
            Origin = "manual",
            CreatedAt = proposal.CreatedAt,
            CreatedById = context.Operator.Id,
            CreatedByName = context.Operator.DisplayName,
        });
        return proposal;
    }

    /// <summary>A proposal waiting in the approval queue to be sent (saved first: the request names its id).</summary>
    private static void RequestSend(ConsoleDbContext db, DemoSeedContext context, Lead lead, Proposal proposal)
    {
        proposal.Status = ProposalStatus.SendRequested;
        db.Add(proposal);
        db.SaveChanges();
        db.Add(new ApprovalRequest
        {
            Subject = ApprovalSubject.ProposalSend,
            SubjectType = "proposal",
            SubjectId = proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LeadId = lead.Id,
            Title = $"Send proposal to {lead.Company}",
            Context = proposal.Body,
            RequestedAt = context.DaysAgo(1.2),
            RequestedByKind = ActorKind.User,
            RequestedById = "demo-partner",
            RequestedByName = "Demo Partner",
        });
    }

    /// <summary>
    /// Where the lead's stage says the proposal got to: sent and unanswered (the invoice deal, a stale proposal), won
    /// (every client), lost (every lost deal); any other deal in Proposal keeps its draft.
    /// </summary>
    private static void SetOutcome(Proposal proposal, Lead lead, DemoSeedContext context)
    {
        var inProposal = lead.Status == LeadStatus.Proposal;
        if (inProposal && lead.Title.StartsWith("Invoice", StringComparison.Ordinal))
        {
            // Sent ten days ago and never answered: a stale proposal.
            proposal.Status = ProposalStatus.Sent;
            proposal.SentAt = context.DaysAgo(8.5);
            proposal.SentById = context.Operator.Id;
            proposal.SentByName = context.Operator.DisplayName;
        }
        else if (!inProposal && lead.Status != LeadStatus.Lost)
        {
            proposal.Status = ProposalStatus.Closed;
            proposal.SentAt = lead.StatusChangedAt.AddDays(-2);
            proposal.SentById = context.Operator.Id;
            proposal.SentByName = context.Operator.DisplayName;
            proposal.Outcome = ProposalOutcome.Won;
            proposal.OutcomeAt = lead.StatusChangedAt;
            proposal.OutcomeValue = lead.EstimatedValue;
            proposal.CreatedAt = lead.StatusChangedAt.AddDays(-4);
        }
        else if (lead.Status == LeadStatus.Lost)
        {
            proposal.Status = ProposalStatus.Closed;
            proposal.SentAt = lead.StatusChangedAt.AddDays(-5);
            proposal.SentById = context.Operator.Id;
            proposal.SentByName = context.Operator.DisplayName;
            proposal.Outcome = ProposalOutcome.Lost;
            proposal.OutcomeAt = lead.StatusChangedAt;
            proposal.OutcomeReason = "Chose a cheaper off-the-shelf tool.";
            proposal.CreatedAt = lead.StatusChangedAt.AddDays(-7);
        }
    }

    /// <summary>The first Building client's release, waiting for the operator's deploy decision.</summary>
    private static ApprovalRequest DeployRequest(DemoSeedContext context)
    {
        var building = context.Leads.First(l => l.Status == LeadStatus.Building);
        return new ApprovalRequest
        {
            Subject = ApprovalSubject.Deploy,
            SubjectType = "lead",
            SubjectId = building.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LeadId = building.Id,
            Title = "Deploy field-service scheduler to production",
            Context = "Staging sign-off received from the client on Monday; release notes attached in Build Ops.",
            RequestedAt = context.DaysAgo(0.4),
            RequestedByKind = ActorKind.User,
            RequestedById = "demo-partner",
            RequestedByName = "Demo Partner",
        };
    }

    private static void SeedIntegrations(ConsoleDbContext db, DemoSeedContext context)
    {
        db.Add(new IntegrationHealth { Name = "research", CreatedAt = context.DaysAgo(60), LastOkAt = context.DaysAgo(0.1), LastReportAt = context.DaysAgo(0.1), LastReportOk = true, ExpectedIntervalMinutes = 24 * 60 });
        db.Add(new IntegrationHealth { Name = "gmail-sync", CreatedAt = context.DaysAgo(60), LastOkAt = context.DaysAgo(0.02), LastReportAt = context.DaysAgo(0.02), LastReportOk = true, ExpectedIntervalMinutes = 60 });
        // The silent one: it used to report hourly and stopped two days ago without an error.
        db.Add(new IntegrationHealth { Name = "knowledge-ingest", CreatedAt = context.DaysAgo(60), LastOkAt = context.DaysAgo(2.2), LastReportAt = context.DaysAgo(2.2), LastReportOk = true, ExpectedIntervalMinutes = 60 });
        db.Add(new IntegrationHealth { Name = "crm-webhook", CreatedAt = context.DaysAgo(30), LastOkAt = context.DaysAgo(1), LastReportAt = context.DaysAgo(0.05), LastReportOk = false, LastErrorAt = context.DaysAgo(0.05), LastError = "401 Unauthorized: the CRM token expired", ExpectedIntervalMinutes = 240 });
    }
}

using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Risk;
using OperatorConsole.Domain.Templates;

namespace OperatorConsole.Data.BuildOps;

/// <summary>
/// Demo Build Ops: tasks across the board, agent jobs classified by the default rules (one high-risk waiting for review,
/// one failed, one deployed) and three templates tied to shipped clients.
/// </summary>
public sealed class BuildOpsDemoSeed : IDemoSeedContributor
{
    public int Order => 40;

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var tasks = await SeedTasksAsync(db, context, ct);
        var jobs = await SeedJobsAsync(db, context, tasks, ct);
        await OpenReviewsAsync(db, context, tasks, jobs, ct);
        SeedTemplates(db, context, context.Leads.Where(l => l.Status == LeadStatus.Shipped).ToList());
    }

    /// <summary>Tasks across the board; the approved and done ones carry the operator's approval.</summary>
    private static async Task<List<BuildTask>> SeedTasksAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var building = context.Leads.Where(l => l.Status == LeadStatus.Building).ToList();
        Lead? Lead(int i) => building.Count == 0 ? null : building[i % building.Count];
        BuildTask Task(string title, BusinessImpact impact, BuildTaskStatus status, RiskLevel risk, Lead? lead, double daysAgo, string description, string? pr, string? reason) =>
            NewTask(context, title, impact, status, risk, lead, daysAgo, description, pr, reason);

        var tasks = new List<BuildTask>
        {
            Task("Scheduler: technician availability sync", BusinessImpact.Deliver, BuildTaskStatus.InProgress, RiskLevel.Medium, Lead(0), 3,
                "Two-way sync of technician calendars so the scheduler stops double-booking.", null, "Started: client sent calendar access"),
            Task("Month-end close: invoice matching rules", BusinessImpact.Deliver, BuildTaskStatus.Review, RiskLevel.High, Lead(2), 1.5,
                "Match supplier invoices to POs with tolerance rules.",
                "Adds InvoiceMatcher with 2% tolerance, 38 new tests, migration for match results.", null),
            Task("Sales assistant: CRM write-back", BusinessImpact.Deliver, BuildTaskStatus.Approved, RiskLevel.Medium, Lead(1), 2,
                "Write qualified-call notes back to the distributor's CRM.", "CRM client + retry queue; feature-flagged.", "Reviewed diff and staging run"),
            Task("Landing page case-study section", BusinessImpact.Acquire, BuildTaskStatus.Queued, RiskLevel.Low, null, 0.5,
                "Add the Helio and Quill case studies with their numbers.", null, null),
            Task("Outreach sequencer: reply detection", BusinessImpact.Acquire, BuildTaskStatus.Queued, RiskLevel.Medium, null, 1,
                "Stop sequences when a prospect replies.", null, null),
            Task("Enrichment pipeline: retry on 429", BusinessImpact.Improve, BuildTaskStatus.Done, RiskLevel.Medium, null, 6,
                "Back off and retry when the enrichment provider rate-limits.", "Exponential back-off with jitter; failures surface in runs.", "Merged after green CI"),
            Task("Self-serve pricing calculator", BusinessImpact.Acquire, BuildTaskStatus.Rejected, RiskLevel.High, null, 9,
                "Public calculator with live prices.", null, "Pricing is quoted per project; not worth the risk now"),
        };
        foreach (var task in tasks.Where(t => t.Status is BuildTaskStatus.Approved or BuildTaskStatus.Done))
        {
            task.ApprovedAt = task.StatusChangedAt;
            task.ApprovedById = context.Operator.Id;
            task.ApprovedByName = context.Operator.DisplayName;
            task.ApprovalReason = task.StatusReason;
            task.ApprovedRiskLevel = task.RiskLevel;
        }

        db.AddRange(tasks);
        await db.SaveChangesAsync(ct);
        return tasks;
    }

    /// <summary>Agent jobs on those tasks, classified by the default rules: one high-risk waiting, one failed, some deployed.</summary>
    private static async Task<List<AgentJob>> SeedJobsAsync(ConsoleDbContext db, DemoSeedContext context, List<BuildTask> tasks, CancellationToken ct)
    {
        AgentJob Job(BuildTask? task, string what, string[] files, string branch, AgentJobResult result, int passed, int failed, double daysAgo,
            bool approved = false, double? deployedDaysAgo = null) =>
            NewJob(context, task, what, files, branch, result, passed, failed, daysAgo, approved, deployedDaysAgo);

        var jobs = new List<AgentJob>
        {
            Job(tasks[5], "Add retry with back-off to the enrichment step", ["src/Pipelines/EnrichStep.cs", "tests/Pipelines/EnrichStepTests.cs"],
                "agent/enrich-retry", AgentJobResult.Success, 52, 0, 6.5, approved: true, deployedDaysAgo: 6),
            Job(tasks[0], "Technician availability sync", ["src/Scheduling/AvailabilitySync.cs", "src/Scheduling/CalendarClient.cs"],
                "agent/availability-sync", AgentJobResult.Failure, 40, 3, 0.3),
            Job(tasks[0], "Availability sync: first pass", ["src/Scheduling/AvailabilitySync.cs"],
                "agent/availability-sync-spike", AgentJobResult.Partial, 31, 1, 2.1),
            Job(tasks[1], "Invoice matching with tolerance rules", ["src/Billing/InvoiceMatcher.cs", "src/Billing/MatchResult.cs", "tests/Billing/InvoiceMatcherTests.cs"],
                "agent/invoice-matching", AgentJobResult.Success, 38, 0, 0.2),
            Job(tasks[2], "CRM write-back of call notes", ["src/Crm/CrmWriter.cs", "src/Crm/RetryQueue.cs"],
                "agent/crm-writeback", AgentJobResult.Success, 27, 0, 2.2, approved: true),
            Job(tasks[3], "Case-study section markup", ["src/Web/Components/CaseStudies.razor", "src/Web/wwwroot/case-studies.css"],
                "agent/case-studies", AgentJobResult.Success, 12, 0, 0.6),
            Job(null, "Rotate the CRM webhook secret handling", ["src/Integrations/Crm/WebhookSecretStore.cs", "src/Web/appsettings.json"],
                "agent/webhook-secret", AgentJobResult.Success, 19, 0, 1.1, approved: true, deployedDaysAgo: 0.9),
            Job(null, "Bump the container base image", ["Dockerfile", ".github/workflows/ci.yml"],
                "agent/base-image", AgentJobResult.Success, 64, 0, 4, approved: true, deployedDaysAgo: 3.5),
        };
        db.AddRange(jobs);
        await db.SaveChangesAsync(ct);
        return jobs;
    }

    /// <summary>
    /// Every high-risk job not yet approved, and the high-risk task waiting in review, are in the approval queue;
    /// the approved jobs have their audit entries.
    /// </summary>
    private static async Task OpenReviewsAsync(ConsoleDbContext db, DemoSeedContext context, List<BuildTask> tasks, List<AgentJob> jobs, CancellationToken ct)
    {
        foreach (var job in jobs.Where(j => j.RequiresReview && !j.HumanApproved))
        {
            var task = tasks.FirstOrDefault(t => t.Id == job.BuildTaskId);
            var approval = HighRiskApprovals.Open(db, HighRiskApprovals.AgentJobSubject, job.Id, $"Review high-risk agent change: {job.TaskRequested}",
                $"{RiskClasses.Label(job.RiskClass)} / high — {job.MatchedRule} matched {job.MatchedFile}. Branch {job.Branch}.",
                task?.LeadId, context.Agent, job.CreatedAt);
            await db.SaveChangesAsync(ct);
            job.ApprovalRequestId = approval.Id;
        }

        HighRiskApprovals.Open(db, HighRiskApprovals.BuildTaskSubject, tasks[1].Id, $"Approve high-risk build: {tasks[1].Title}",
            tasks[1].PrSummary, tasks[1].LeadId, context.Agent, tasks[1].StatusChangedAt);
        foreach (var job in jobs.Where(j => j.HumanApproved))
        {
            db.Audit(context.Operator, job.ApprovedAt!.Value, "agent_job.approved", "agent_job", job.Id, $"Approved agent job \"{job.TaskRequested}\"", job.ApprovalNote);
        }
    }

    private static BuildTask NewTask(
        DemoSeedContext context, string title, BusinessImpact impact, BuildTaskStatus status, RiskLevel risk, Lead? lead, double daysAgo,
        string description, string? pr, string? reason) => new()
    {
        Title = title,
        Impact = impact,
        Status = status,
        RiskLevel = risk,
        LeadId = lead?.Id,
        Description = description,
        PrSummary = pr,
        StatusReason = reason,
        CreatedAt = context.DaysAgo(daysAgo + 2),
        UpdatedAt = context.DaysAgo(daysAgo),
        StatusChangedAt = context.DaysAgo(daysAgo),
        CreatedByName = context.Operator.DisplayName,
    };

    /// <summary>A job as the coding agent would record it, its risk classified by the default rules.</summary>
    private static AgentJob NewJob(
        DemoSeedContext context, BuildTask? task, string what, string[] files, string branch, AgentJobResult result, int passed, int failed,
        double daysAgo, bool approved, double? deployedDaysAgo)
    {
        var risk = ChangeRiskClassifier.Classify(RiskRules.Defaults, files);
        var at = context.DaysAgo(daysAgo);
        return new AgentJob
        {
            BuildTaskId = task?.Id,
            TaskRequested = what,
            FilesTouched = files.ToList(),
            Branch = branch,
            Result = result,
            TestsPassed = passed,
            TestsFailed = failed,
            RiskClass = risk.Class,
            RiskLevel = risk.Level,
            MatchedRule = risk.MatchedRule?.Pattern,
            MatchedFile = risk.MatchedFile,
            RequiresReview = risk.RequiresReview,
            HumanApproved = approved,
            ApprovedAt = approved ? at.AddHours(2) : null,
            ApprovedById = approved ? context.Operator.Id : null,
            ApprovedByName = approved ? context.Operator.DisplayName : null,
            ApprovalNote = approved ? "Read the diff; tests green" : null,
            DeployedAt = deployedDaysAgo is { } d ? context.DaysAgo(d) : null,
            DeployedByName = deployedDaysAgo is null ? null : context.Operator.DisplayName,
            CreatedAt = at,
            RecordedByKind = context.Agent.Kind,
            RecordedById = "demo-coding-agent",
            RecordedByName = "Coding agent (demo)",
        };
    }

    private static void SeedTemplates(ConsoleDbContext db, DemoSeedContext context, List<Lead> shipped)
    {
        TemplateStarterClient Client(int i) => new() { LeadId = shipped[i % shipped.Count].Id, AddedAt = context.DaysAgo(30 + i) };
        db.Add(new TemplateStarter
        {
            Name = "Support summariser starter",
            Niche = "SaaS support",
            Stack = [".NET", "Blazor", "Azure OpenAI"],
            Status = shipped.Count > 0 ? TemplateStatus.Proven : TemplateStatus.Tested,
            ResultsProduced = "Cut first-response time for a SaaS helpdesk; summaries read by agents on every ticket.",
            Modules = ["ticket ingest", "summary prompt pack", "agent sidebar"],
            Location = "git: templates/support-summariser",
            Clients = shipped.Count > 0 ? [Client(0)] : [],
            CreatedAt = context.DaysAgo(90),
            UpdatedAt = context.DaysAgo(20),
        });
        db.Add(new TemplateStarter
        {
            Name = "Review-request automation",
            Niche = "Local services",
            Stack = ["Python", "Twilio", "Postgres"],
            Status = TemplateStatus.Tested,
            ResultsProduced = "Used once; review volume up, not yet measured against a baseline.",
            Modules = ["SMS sender", "review-link tracker"],
            Location = "git: templates/review-requests",
            Clients = shipped.Count > 1 ? [Client(1)] : [],
            CreatedAt = context.DaysAgo(120),
            UpdatedAt = context.DaysAgo(40),
        });
        db.Add(new TemplateStarter
        {
            Name = "Quote & SOW generator",
            Niche = "Agencies",
            Stack = [".NET", "Blazor", "QuestPDF"],
            Status = TemplateStatus.Draft,
            Modules = ["pricing table", "SOW template", "e-sign hand-off"],
            Location = "git: templates/quote-sow",
            CreatedAt = context.DaysAgo(15),
            UpdatedAt = context.DaysAgo(15),
        });
    }
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.BuildOps;

/// <summary>
/// The Build Ops queue. The status machine and its gates are <see cref="BuildTaskWorkflow"/> (pure); this service loads
/// what the policy needs, applies the move, records the approval and the audit entry in one save.
/// </summary>
public sealed class BuildTaskService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<OperationResult<BuildTaskView>> CreateAsync(CreateBuildTaskRequest request, Actor actor, CancellationToken ct = default)
    {
        var errors = BuildTaskRules.ValidateFields(request.Title, request.Description, request.PrSummary, request.Impact, request.RiskLevel);
        if (request.Impact is null)
        {
            errors.Add("impact", "'impact' is required: acquire, deliver or improve.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (request.LeadId is { } leadId && !await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            errors.Add("leadId", $"Lead {leadId} does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<BuildTaskView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var task = new BuildTask
        {
            Title = request.Title!.Trim(),
            Description = TextInput.Clean(request.Description),
            Impact = request.Impact!.Value,
            LeadId = request.LeadId,
            PrSummary = TextInput.Clean(request.PrSummary),
            RiskLevel = request.RiskLevel ?? RiskLevel.Medium,
            Status = BuildTaskStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
            StatusChangedAt = now,
            CreatedByName = actor.DisplayName,
        };
        db.Add(task);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "build_task.created", "build_task", task.Id, $"Queued build task \"{task.Title}\"", after: Snapshot(task)), ct);
        return OperationResult<BuildTaskView>.Created(await ViewAsync(db, task.Id, ct));
    }

    public async Task<OperationResult<BuildTaskView>> UpdateAsync(int id, UpdateBuildTaskRequest request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Set<BuildTask>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return OperationResult<BuildTaskView>.NotFound($"Build task {id} does not exist.");
        }

        var touchesPeopleFields = request.Title is not null || request.Description is not null || request.Impact is not null
            || request.LeadId is not null || request.RiskLevel is not null;
        if (!actor.CanDecide && touchesPeopleFields)
        {
            return OperationResult<BuildTaskView>.Forbidden("An API key may only set the PR summary of a build task; other fields are edited by an operator.");
        }

        var errors = BuildTaskRules.ValidateFields(request.Title ?? task.Title, request.Description, request.PrSummary, request.Impact, request.RiskLevel)
            .MaxLength("reason", request.Reason, BuildTaskWorkflow.ReasonMax);
        if (request.LeadId is { } leadId && !await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            errors.Add("leadId", $"Lead {leadId} does not exist.");
        }

        if (request.RiskLevel is { } lowered && lowered < task.RiskLevel)
        {
            var riskiestJob = await db.Set<AgentJob>().Where(j => j.BuildTaskId == id)
                .Select(j => (RiskLevel?)j.RiskLevel).MaxAsync(ct);
            if (riskiestJob is { } jobLevel && lowered < jobLevel)
            {
                errors.Add("riskLevel", $"An agent job of this task is {jobLevel.ToString().ToLowerInvariant()} risk; the task cannot be rated lower.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<BuildTaskView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = Snapshot(task);
        if (request.Title is not null)
        {
            task.Title = request.Title.Trim();
        }

        task.Description = request.Description is null ? task.Description : TextInput.Clean(request.Description);
        task.Impact = request.Impact ?? task.Impact;
        task.LeadId = request.LeadId ?? task.LeadId;
        task.PrSummary = request.PrSummary is null ? task.PrSummary : TextInput.Clean(request.PrSummary);
        task.RiskLevel = request.RiskLevel ?? task.RiskLevel;
        task.UpdatedAt = now;
        db.Audit(actor, now, "build_task.updated", "build_task", task.Id, $"Edited build task \"{task.Title}\"", TextInput.Clean(request.Reason), before, Snapshot(task));
        await EnsureReviewApprovalAsync(db, task, actor, now, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult<BuildTaskView>.Ok(await ViewAsync(db, task.Id, ct));
    }

    public async Task<OperationResult<BuildTaskView>> TransitionAsync(int id, TransitionBuildTaskRequest request, Actor actor, CancellationToken ct = default)
    {
        if (request.To is null)
        {
            return OperationResult<BuildTaskView>.Invalid("to", "'to' is required: queued, in_progress, review, approved, done or rejected.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Set<BuildTask>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return OperationResult<BuildTaskView>.NotFound($"Build task {id} does not exist.");
        }

        var to = request.To.Value;
        var unapprovedJobs = await db.Set<AgentJob>().CountAsync(j => j.BuildTaskId == id && j.RequiresReview && !j.HumanApproved, ct);
        var check = BuildTaskWorkflow.Check(new TransitionRequest(
            task.Status, to, task.RiskLevel, actor.CanDecide, request.Reason, task.ApprovedRiskLevel, unapprovedJobs));
        if (check.Outcome != TransitionOutcome.Allowed)
        {
            return check.ToResult<BuildTaskView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reason = TextInput.Clean(request.Reason);
        var from = task.Status;
        await ApplyAsync(db, task, to, reason, actor, now, ct);
        db.Audit(actor, now, $"build_task.{BuildTaskWorkflow.Spell(to)}", "build_task", task.Id,
            $"{BuildTaskWorkflow.Label(from)} → {BuildTaskWorkflow.Label(to)}: \"{task.Title}\"", reason,
            new { status = from }, new { status = to, riskLevel = task.RiskLevel });
        await db.SaveChangesAsync(ct);
        return OperationResult<BuildTaskView>.Ok(await ViewAsync(db, task.Id, ct));
    }

    /// <summary>
    /// For the approvals inbox: a decision on the task's high-risk approval request. Approving moves a task in review
    /// to approved (the same gate as the board); refusing leaves it in review with the refusal recorded.
    /// </summary>
    public async Task<OperationResult<BuildTaskView>> ApplyApprovalAsync(int taskId, bool approved, string? note, Actor actor, CancellationToken ct = default)
    {
        if (approved)
        {
            return await TransitionAsync(taskId, new TransitionBuildTaskRequest(BuildTaskStatus.Approved, note), actor, ct);
        }

        if (HumanGate.Refusal<BuildTaskView>(actor, note, "Refusing a build task's approval") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.Set<BuildTask>().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
        {
            return OperationResult<BuildTaskView>.NotFound($"Build task {taskId} does not exist.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await HumanDecisions.RecordAsync(db, new HumanDecision(actor, now, "build_task.approval_refused", "build_task", task.Id,
            $"Refused approval of \"{task.Title}\"", note!.Trim(), new { task.Status, approval = "pending" }, new { task.Status, approval = "refused" },
            Domain.Approvals.ApprovalState.Rejected), ct);
        await db.SaveChangesAsync(ct);
        return OperationResult<BuildTaskView>.Ok(await ViewAsync(db, task.Id, ct));
    }

    private static async Task ApplyAsync(ConsoleDbContext db, BuildTask task, BuildTaskStatus to, string? reason, Actor actor, DateTime now, CancellationToken ct)
    {
        var from = task.Status;
        task.Status = to;
        task.StatusChangedAt = now;
        task.StatusReason = reason;
        task.UpdatedAt = now;
        switch (to)
        {
            case BuildTaskStatus.Approved:
                // The recorded operator approval the done gate looks for.
                task.ApprovedAt = now;
                task.ApprovedById = actor.Id;
                task.ApprovedByName = actor.DisplayName;
                task.ApprovalReason = reason;
                task.ApprovedRiskLevel = task.RiskLevel;
                await HighRiskApprovals.ResolveAsync(db, HighRiskApprovals.BuildTaskSubject, task.Id, true, actor, now, reason, ct);
                break;
            case BuildTaskStatus.Rejected:
                await HighRiskApprovals.ResolveAsync(db, HighRiskApprovals.BuildTaskSubject, task.Id, false, actor, now, reason, ct);
                break;
            case BuildTaskStatus.Review when from == BuildTaskStatus.Approved:
            case BuildTaskStatus.InProgress or BuildTaskStatus.Queued:
                // Re-opened work needs approving again.
                task.ApprovedAt = null;
                task.ApprovedById = null;
                task.ApprovedByName = null;
                task.ApprovalReason = null;
                task.ApprovedRiskLevel = null;
                break;
        }

        await EnsureReviewApprovalAsync(db, task, actor, now, ct);
    }

    /// <summary>A high-risk task waiting in review has a pending approval request, so it shows in the approval queue.</summary>
    internal static async Task EnsureReviewApprovalAsync(ConsoleDbContext db, BuildTask task, Actor actor, DateTime now, CancellationToken ct)
    {
        if (task.Status != BuildTaskStatus.Review || task.RiskLevel != RiskLevel.High
            || await HighRiskApprovals.HasPendingAsync(db, HighRiskApprovals.BuildTaskSubject, task.Id, ct)
            || db.ChangeTracker.Entries<Domain.Approvals.ApprovalRequest>().Any(e =>
                e.State == EntityState.Added && e.Entity.SubjectType == HighRiskApprovals.BuildTaskSubject && e.Entity.SubjectId == task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return;
        }

        HighRiskApprovals.Open(db, HighRiskApprovals.BuildTaskSubject, task.Id, $"Approve high-risk build: {task.Title}",
            task.PrSummary ?? task.Description ?? "No PR summary yet.", task.LeadId, actor, now);
    }

    public async Task<BuildTaskView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Query(db, db.Set<BuildTask>().AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<PagedList<BuildTaskView>> ListAsync(BuildTaskListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = db.Set<BuildTask>().AsNoTracking();
        if (query.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }

        if (query.Impact is { } impact)
        {
            tasks = tasks.Where(t => t.Impact == impact);
        }

        if (query.RiskLevel is { } risk)
        {
            tasks = tasks.Where(t => t.RiskLevel == risk);
        }

        if (query.LeadId is { } leadId)
        {
            tasks = tasks.Where(t => t.LeadId == leadId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            tasks = tasks.Where(t => EF.Functions.Like(t.Title, pattern, LikePattern.Escape)
                || EF.Functions.Like(t.Description!, pattern, LikePattern.Escape)
                || EF.Functions.Like(t.PrSummary!, pattern, LikePattern.Escape));
        }

        var total = await tasks.CountAsync(ct);
        var page = tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(paging.Skip).Take(paging.PageSize);
        var items = await Query(db, page).ToListAsync(ct);
        return new PagedList<BuildTaskView>(items, total, paging.Page, paging.PageSize);
    }

    private static async Task<BuildTaskView> ViewAsync(ConsoleDbContext db, int id, CancellationToken ct) =>
        await Query(db, db.Set<BuildTask>().AsNoTracking().Where(t => t.Id == id)).FirstAsync(ct);

    private static IQueryable<BuildTaskView> Query(ConsoleDbContext db, IQueryable<BuildTask> tasks) =>
        from t in tasks
        join l in db.Set<Lead>() on t.LeadId equals l.Id into leads
        from l in leads.DefaultIfEmpty()
        select new BuildTaskView(
            t.Id, t.Title, t.Description, t.Impact, t.LeadId, l == null ? null : l.Title, t.Status, t.PrSummary, t.RiskLevel,
            t.CreatedAt, t.UpdatedAt, t.StatusChangedAt, t.StatusReason, t.CreatedByName, t.ApprovedAt, t.ApprovedByName,
            t.ApprovalReason, t.ApprovedRiskLevel,
            db.Set<AgentJob>().Count(j => j.BuildTaskId == t.Id),
            db.Set<AgentJob>().Count(j => j.BuildTaskId == t.Id && j.RequiresReview && !j.HumanApproved));

    private static object Snapshot(BuildTask t) => new
    {
        t.Title, t.Description, t.Impact, t.LeadId, t.Status, t.PrSummary, t.RiskLevel,
    };
}

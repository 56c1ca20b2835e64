using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Risk;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>
/// The coding-agent job ledger (sprint 4.1): the agent records, the classifier decides the risk, only an operator
/// approves or marks deployed. Every decision is audited in the same save as the change.
/// </summary>
public sealed class AgentJobService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, RiskRuleService riskRules)
{
    public async Task<OperationResult<AgentJobView>> RecordAsync(RecordAgentJobRequest request, Actor actor, CancellationToken ct = default)
    {
        var errors = AgentJobRules.ValidateRecord(
            request.TaskRequested, request.FilesTouched, request.Branch, request.Result, request.TestsPassed, request.TestsFailed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        BuildTask? task = null;
        if (request.BuildTaskId is { } taskId)
        {
            task = await db.Set<BuildTask>().FirstOrDefaultAsync(t => t.Id == taskId, ct);
            if (task is null)
            {
                errors.Add("buildTaskId", $"Build task {taskId} does not exist.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<AgentJobView>();
        }

        var files = request.FilesTouched?.Select(f => GlobPattern.NormalizePath(f)).ToList() ?? [];
        var risk = ChangeRiskClassifier.Classify(await riskRules.GetRulesAsync(ct), files);
        var now = time.GetUtcNow().UtcDateTime;
        var job = new AgentJob
        {
            BuildTaskId = task?.Id,
            TaskRequested = request.TaskRequested!.Trim(),
            FilesTouched = files,
            Branch = string.IsNullOrWhiteSpace(request.Branch) ? null : request.Branch.Trim(),
            Result = request.Result!.Value,
            TestsPassed = request.TestsPassed,
            TestsFailed = request.TestsFailed,
            RiskClass = risk.Class,
            RiskLevel = risk.Level,
            MatchedRule = risk.MatchedRule?.Pattern,
            MatchedFile = risk.MatchedFile,
            RequiresReview = risk.RequiresReview,
            CreatedAt = now,
            RecordedByKind = actor.Kind,
            RecordedById = actor.Id,
            RecordedByName = actor.DisplayName,
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);

        // Second save: needs the job id. It also touches the job again, so open screens re-read it once the
        // approval request exists (the first save's event already showed the row).
        if (job.RequiresReview)
        {
            var approval = HighRiskApprovals.Open(
                db, HighRiskApprovals.AgentJobSubject, job.Id, $"Review high-risk agent change: {job.TaskRequested}",
                $"{RiskClasses.Label(job.RiskClass)} / {job.RiskLevel.ToString().ToLowerInvariant()} — {risk.Explanation}. " +
                $"Branch {job.Branch ?? "(none)"}; {job.FilesTouched.Count} file(s): {string.Join(", ", job.FilesTouched.Take(20))}",
                task?.LeadId, actor, now);
            await db.SaveChangesAsync(ct);
            job.ApprovalRequestId = approval.Id;
        }

        if (task is not null && job.RiskLevel > task.RiskLevel)
        {
            var before = task.RiskLevel;
            task.RiskLevel = job.RiskLevel;
            task.UpdatedAt = now;
            db.Audit(actor, now, "build_task.risk_raised", "build_task", task.Id,
                $"Risk {before.ToString().ToLowerInvariant()} → {task.RiskLevel.ToString().ToLowerInvariant()} by agent job {job.Id}",
                before: new { riskLevel = before }, after: new { riskLevel = task.RiskLevel });
            await BuildTaskService.EnsureReviewApprovalAsync(db, task, actor, now, ct);
        }

        db.Audit(actor, now, "agent_job.recorded", "agent_job", job.Id,
            $"Agent job \"{job.TaskRequested}\": {job.Result.ToString().ToLowerInvariant()}, " +
            $"{RiskClasses.Spell(job.RiskClass)}/{job.RiskLevel.ToString().ToLowerInvariant()} ({risk.Explanation})");
        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Created(await ViewAsync(db, job.Id, ct));
    }

    /// <summary>
    /// PATCH: an operator approves (or withdraws/refuses approval) and records the deployment. deployedAt needs an
    /// approval first when the job requires review. Both in one request are applied approval first.
    /// </summary>
    public async Task<OperationResult<AgentJobView>> DecideAsync(int id, DecideAgentJobRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecide)
        {
            return OperationResult<AgentJobView>.Forbidden("Approving or deploying an agent job is a human decision: only a signed-in operator can do it.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Set<AgentJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return OperationResult<AgentJobView>.NotFound($"Agent job {id} does not exist.");
        }

        var errors = new ValidationErrors().MaxLength("reason", request.Reason, AgentJobRules.NoteMax);
        if (request.HumanApproved is null && request.DeployedAt is null)
        {
            errors.Add("humanApproved", "Send humanApproved and/or deployedAt.");
        }

        var approvedAfter = request.HumanApproved ?? job.HumanApproved;
        if (request.HumanApproved == false && job.DeployedAt is not null)
        {
            errors.Add("humanApproved", "This job is already deployed; its approval cannot be withdrawn.");
        }

        if (request.DeployedAt is { } deployedAt)
        {
            if (AgentJobRules.DeployBlocker(job.RequiresReview, approvedAfter) is { } blocker)
            {
                errors.Add("deployedAt", blocker);
            }

            if (deployedAt.ToUniversalTime() < new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            {
                errors.Add("deployedAt", "'deployedAt' is before 2000; send the real deployment time.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<AgentJobView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (request.HumanApproved is { } approve)
        {
            await ApplyDecisionAsync(db, job, approve, reason, actor, now, ct);
        }

        if (request.DeployedAt is { } at)
        {
            var before = job.DeployedAt;
            job.DeployedAt = at.ToUniversalTime();
            job.DeployedByName = actor.DisplayName;
            job.DeployNote = reason;
            db.Audit(actor, now, "agent_job.deployed", "agent_job", job.Id,
                before is null ? $"Marked deployed at {job.DeployedAt:yyyy-MM-dd HH:mm} UTC" : "Changed the deployment time",
                reason, new { deployedAt = before }, new { deployedAt = job.DeployedAt });
        }

        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Ok(await ViewAsync(db, job.Id, ct));
    }

    /// <summary>
    /// For the approvals inbox: apply a decision taken on the job's approval request. Sets the job's approval and
    /// resolves any request still pending, so calling it after the inbox already marked the request decided is safe.
    /// </summary>
    public async Task<OperationResult<AgentJobView>> ApplyApprovalAsync(int jobId, bool approved, string? note, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecide)
        {
            return OperationResult<AgentJobView>.Forbidden("Only a signed-in operator can decide an approval.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Set<AgentJob>().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null)
        {
            return OperationResult<AgentJobView>.NotFound($"Agent job {jobId} does not exist.");
        }

        if (!approved && job.DeployedAt is not null)
        {
            return OperationResult<AgentJobView>.Invalid("humanApproved", "This job is already deployed; its approval cannot be withdrawn.");
        }

        await ApplyDecisionAsync(db, job, approved, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Ok(await ViewAsync(db, job.Id, ct));
    }

    private static async Task ApplyDecisionAsync(ConsoleDbContext db, AgentJob job, bool approve, string? reason, Actor actor, DateTime now, CancellationToken ct)
    {
        var resolved = await HighRiskApprovals.ResolveAsync(db, HighRiskApprovals.AgentJobSubject, job.Id, approve, actor, now, reason, ct);
        if (approve == job.HumanApproved && resolved == 0)
        {
            return; // Repeating a decision changes nothing and is not a new decision.
        }

        var before = new { humanApproved = job.HumanApproved, job.ApprovedAt, approvedBy = job.ApprovedByName };
        job.HumanApproved = approve;
        job.ApprovedAt = approve ? now : null;
        job.ApprovedById = approve ? actor.Id : null;
        job.ApprovedByName = approve ? actor.DisplayName : null;
        job.ApprovalNote = reason;
        if (!approve && before.humanApproved && job.RequiresReview)
        {
            // Withdrawn on a high-risk job: it needs a decision again, so it goes back to the approval queue.
            HighRiskApprovals.Open(db, HighRiskApprovals.AgentJobSubject, job.Id, $"Review high-risk agent change again: {job.TaskRequested}",
                $"Approval withdrawn by {actor.DisplayName}: {reason ?? "no reason given"}", null, actor, now);
        }

        var action = approve ? "agent_job.approved" : before.humanApproved ? "agent_job.approval_withdrawn" : "agent_job.rejected";
        var summary = approve ? $"Approved agent job \"{job.TaskRequested}\"" : before.humanApproved ? "Withdrew the approval" : "Refused approval";
        db.Audit(actor, now, action, "agent_job", job.Id, summary, reason, before,
            new { humanApproved = job.HumanApproved, job.ApprovedAt, approvedBy = job.ApprovedByName });
    }

    public async Task<AgentJobView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await Project(db, db.Set<AgentJob>().AsNoTracking().Where(j => j.Id == id)).ToListAsync(ct)).Select(ToView).FirstOrDefault();
    }

    public async Task<PagedList<AgentJobView>> ListAsync(AgentJobListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = Filter(db.Set<AgentJob>().AsNoTracking(), query);
        var total = await jobs.CountAsync(ct);
        var page = Newest(jobs).Skip(paging.Skip).Take(paging.PageSize);
        var rows = await Project(db, page).ToListAsync(ct);
        var items = rows.OrderByDescending(r => r.Job.CreatedAt).ThenByDescending(r => r.Job.Id).Select(ToView).ToList();
        return new PagedList<AgentJobView>(items, total, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// The list's filters (result, risk level, approval, build task) as one query, shared by the list and the CSV
    /// export so a filtered export holds exactly the jobs the filtered list shows.
    /// </summary>
    public static IQueryable<AgentJob> Filter(IQueryable<AgentJob> jobs, AgentJobListQuery query)
    {
        if (query.Result is { } result)
        {
            jobs = jobs.Where(j => j.Result == result);
        }

        if (query.RiskLevel is { } level)
        {
            jobs = jobs.Where(j => j.RiskLevel == level);
        }

        if (query.Approved is { } approved)
        {
            jobs = jobs.Where(j => j.HumanApproved == approved);
        }

        if (query.BuildTaskId is { } taskId)
        {
            jobs = jobs.Where(j => j.BuildTaskId == taskId);
        }

        return jobs;
    }

    /// <summary>Newest first, the order of the list and the export.</summary>
    public static IOrderedQueryable<AgentJob> Newest(IQueryable<AgentJob> jobs) => jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id);

    private static async Task<AgentJobView> ViewAsync(ConsoleDbContext db, int id, CancellationToken ct) =>
        ToView((await Project(db, db.Set<AgentJob>().AsNoTracking().Where(j => j.Id == id)).ToListAsync(ct)).First());

    private sealed record JobRow(AgentJob Job, string? TaskTitle);

    // The entity comes back whole (its file list is a JSON column) with the task title beside it; the view is built in memory.
    private static IQueryable<JobRow> Project(ConsoleDbContext db, IQueryable<AgentJob> jobs) =>
        from j in jobs
        join t in db.Set<BuildTask>() on j.BuildTaskId equals t.Id into tasks
        from t in tasks.DefaultIfEmpty()
        select new JobRow(j, t == null ? null : t.Title);

    public static AgentJobView ToView(AgentJob j, string? taskTitle) => new(
        j.Id, j.CreatedAt, j.BuildTaskId, taskTitle, j.TaskRequested, j.FilesTouched, j.Branch, j.Result,
        j.TestsPassed, j.TestsFailed, j.RiskClass, j.RiskLevel, j.MatchedRule, j.MatchedFile, j.RequiresReview,
        j.HumanApproved, j.ApprovedAt, j.ApprovedByName, j.ApprovalNote, j.DeployedAt, j.DeployedByName, j.DeployNote,
        j.RecordedByName, j.ApprovalRequestId);

    private static AgentJobView ToView(JobRow row) => ToView(row.Job, row.TaskTitle);
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Risk;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
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
        ValidateDiff(errors, request.Diff);
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
        var (added, removed) = DiffTotals(request.Diff);
        var risk = ChangeRiskClassifier.Classify(await riskRules.GetRulesAsync(ct), files, LinesChanged(added, removed));
        var now = time.GetUtcNow().UtcDateTime;
        var job = NewJob(request, task, files, (added, removed), risk, actor, now);
        db.Add(job);
        await db.SaveChangesAsync(ct);

        // Second save: needs the job id. It also touches the job again, so open screens re-read it once the
        // approval request exists (the first save's event already showed the row).
        if (job.RequiresReview)
        {
            await OpenReviewAsync(db, job, risk, task, actor, now, ct);
        }

        if (task is not null && job.RiskLevel > task.RiskLevel)
        {
            await RaiseTaskRiskAsync(db, task, job, actor, now, ct);
        }

        db.Audit(actor, now, "agent_job.recorded", "agent_job", job.Id,
            $"Agent job \"{job.TaskRequested}\": {job.Result.ToString().ToLowerInvariant()}, " +
            $"{RiskClasses.Spell(job.RiskClass)}/{job.RiskLevel.ToString().ToLowerInvariant()} ({risk.Explanation})");
        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Created(await ViewAsync(db, job.Id, ct));
    }

    private static AgentJob NewJob(
        RecordAgentJobRequest request, BuildTask? task, List<string> files, (int? Added, int? Removed) lines, RiskAssessment risk, Actor actor, DateTime now) => new()
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
        LinesAdded = lines.Added,
        LinesRemoved = lines.Removed,
        CreatedAt = now,
        RecordedByKind = actor.Kind,
        RecordedById = actor.Id,
        RecordedByName = actor.DisplayName,
    };

    /// <summary>A job the classifier sends to review opens its approval request, saved so the job can name it.</summary>
    private static async Task OpenReviewAsync(ConsoleDbContext db, AgentJob job, RiskAssessment risk, BuildTask? task, Actor actor, DateTime now, CancellationToken ct)
    {
        var approval = HighRiskApprovals.Open(
            db, HighRiskApprovals.AgentJobSubject, job.Id, $"Review high-risk agent change: {job.TaskRequested}",
            $"{RiskClasses.Label(job.RiskClass)} / {job.RiskLevel.ToString().ToLowerInvariant()} — {risk.Explanation}. " +
            $"Branch {job.Branch ?? "(none)"}; {job.FilesTouched.Count} file(s): {string.Join(", ", job.FilesTouched.Take(20))}",
            task?.LeadId, actor, now);
        await db.SaveChangesAsync(ct);
        job.ApprovalRequestId = approval.Id;
    }

    /// <summary>A job riskier than its task raises the task's level (audited), and with it the review the task needs.</summary>
    private static async Task RaiseTaskRiskAsync(ConsoleDbContext db, BuildTask task, AgentJob job, Actor actor, DateTime now, CancellationToken ct)
    {
        var before = task.RiskLevel;
        task.RiskLevel = job.RiskLevel;
        task.UpdatedAt = now;
        db.Audit(actor, now, "build_task.risk_raised", "build_task", task.Id,
            $"Risk {before.ToString().ToLowerInvariant()} → {task.RiskLevel.ToString().ToLowerInvariant()} by agent job {job.Id}",
            before: new { riskLevel = before }, after: new { riskLevel = task.RiskLevel });
        await BuildTaskService.EnsureReviewApprovalAsync(db, task, actor, now, ct);
    }

    private static void ValidateDiff(ValidationErrors errors, List<FileDiffStat?>? diff)
    {
        if (diff is null)
        {
            return;
        }

        if (diff.Count > AgentJobRules.MaxFiles)
        {
            errors.Add("diff", $"At most {AgentJobRules.MaxFiles} files per job.");
            return;
        }

        for (var i = 0; i < diff.Count; i++)
        {
            if (diff[i] is not { } file || string.IsNullOrWhiteSpace(file.Path))
            {
                errors.Add($"diff[{i}].path", "Each diff entry names its file.");
            }

            if (diff[i]?.LinesAdded is < 0 || diff[i]?.LinesRemoved is < 0)
            {
                errors.Add($"diff[{i}]", "Line counts cannot be negative.");
            }
        }
    }

    private static (int? Added, int? Removed) DiffTotals(List<FileDiffStat?>? diff) =>
        diff is null ? (null, null) : (diff.Sum(d => d?.LinesAdded ?? 0), diff.Sum(d => d?.LinesRemoved ?? 0));

    internal static int? LinesChanged(int? added, int? removed) => added is null && removed is null ? null : (added ?? 0) + (removed ?? 0);

    /// <summary>
    /// PATCH: an operator approves, refuses (or withdraws an approval) and records the deployment — every one a human
    /// gate: operator only, a non-blank reason, the guards (failed checks need the override, every level above low
    /// needs approval before deploying, deployedAt now or in the past after creation and approval), one audit entry per
    /// decision and the approval request closed in the same save. Both in one request are applied approval first.
    /// </summary>
    public async Task<OperationResult<AgentJobView>> DecideAsync(int id, DecideAgentJobRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.Forbidden<AgentJobView>(actor, "Approving, refusing or deploying an agent job") is { } forbidden)
        {
            return forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Set<AgentJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return OperationResult<AgentJobView>.NotFound($"Agent job {id} does not exist.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = AgentJobDecisionRules.Validate(job, request, now);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AgentJobView>();
        }

        var reason = request.Reason!.Trim();
        if (request.OverrideReason is { } overrideReason && job.OverrideAt is null)
        {
            await RecordOverrideAsync(db, job, overrideReason.Trim(), actor, now, ct);
        }

        if (request.HumanApproved is { } approve)
        {
            await ApplyDecisionAsync(db, job, approve, reason, actor, now, ct);
        }

        if (request.DeployedAt is { } at)
        {
            var before = new { deployedAt = job.DeployedAt, deployedBy = job.DeployedByName };
            job.DeployedAt = at.ToUniversalTime();
            job.DeployedByName = actor.DisplayName;
            job.DeployNote = reason;
            await HumanDecisions.RecordAsync(db, new HumanDecision(actor, now, "agent_job.deployed", "agent_job", job.Id,
                before.deployedAt is null ? $"Marked deployed at {job.DeployedAt:yyyy-MM-dd HH:mm} UTC" : "Changed the deployment time",
                reason, before, new { deployedAt = job.DeployedAt, deployedBy = job.DeployedByName }, null), ct);
        }

        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Ok(await ViewAsync(db, job.Id, ct));
    }

    /// <summary>
    /// For the approvals inbox: a decision taken on the job's approval request goes through exactly the PATCH path
    /// (same gate, same guards, same audit entry), and closes any request still pending.
    /// </summary>
    public Task<OperationResult<AgentJobView>> ApplyApprovalAsync(int jobId, bool approved, string? note, Actor actor, CancellationToken ct = default) =>
        DecideAsync(jobId, new DecideAgentJobRequest(HumanApproved: approved, Reason: note), actor, ct);

    /// <summary>
    /// An operator corrects this one job's class and level, with a reason (audited, rules' verdict kept beside it).
    /// Only while the job is undecided; raising it to high opens the review request, lowering it from high closes it.
    /// </summary>
    public async Task<OperationResult<AgentJobView>> OverrideRiskAsync(int id, OverrideAgentJobRiskRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.Forbidden<AgentJobView>(actor, "Overriding an agent job's risk") is { } forbidden)
        {
            return forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Set<AgentJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return OperationResult<AgentJobView>.NotFound($"Agent job {id} does not exist.");
        }

        var errors = HumanGate.CheckReason(new ValidationErrors(), request.Reason)
            .Defined("riskClass", request.RiskClass).Defined("riskLevel", request.RiskLevel);
        if (request.RiskClass is null)
        {
            errors.Add("riskClass", "'riskClass' is required.");
        }

        if (request.RiskLevel is null)
        {
            errors.Add("riskLevel", "'riskLevel' is required.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<AgentJobView>();
        }

        if (job.HumanApproved || job.RefusedAt is not null || job.DeployedAt is not null)
        {
            return OperationResult<AgentJobView>.Conflict("This job is already decided (approved, refused or deployed); its risk can no longer be changed.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reason = request.Reason!.Trim();
        var before = RiskSnapshot(job);
        job.ClassifiedRiskClass ??= job.RiskClass;
        job.ClassifiedRiskLevel ??= job.RiskLevel;
        job.RiskOverriddenAt = now;
        job.RiskOverriddenByName = actor.DisplayName;
        job.RiskOverrideReason = reason;
        var wasHigh = job.RequiresReview;
        SetRisk(job, request.RiskClass!.Value, request.RiskLevel!.Value);
        if (job.RequiresReview && !wasHigh)
        {
            OpenReview(db, job, $"Risk raised by {actor.DisplayName}: {reason}", actor, now);
        }

        await HumanDecisions.RecordAsync(db, new HumanDecision(actor, now, "agent_job.risk_overridden", "agent_job", job.Id,
            $"Risk {RiskClasses.Spell(before.RiskClass)}/{Spell(before.RiskLevel)} → {RiskClasses.Spell(job.RiskClass)}/{Spell(job.RiskLevel)}",
            reason, before, RiskSnapshot(job), wasHigh && !job.RequiresReview ? ApprovalState.Approved : null), ct);
        await db.SaveChangesAsync(ct);
        return OperationResult<AgentJobView>.Ok(await ViewAsync(db, job.Id, ct));
    }

    private sealed record RiskState(RiskClass RiskClass, RiskLevel RiskLevel, bool RequiresReview, string? OverrideReason);

    private static RiskState RiskSnapshot(AgentJob job) => new(job.RiskClass, job.RiskLevel, job.RequiresReview, job.RiskOverrideReason);

    internal static void SetRisk(AgentJob job, RiskClass riskClass, RiskLevel level)
    {
        job.RiskClass = riskClass;
        job.RiskLevel = level;
        job.RequiresReview = level == RiskLevel.High;
    }

    /// <summary>A job that (now) requires review gets its pending "high-risk change" request.</summary>
    internal static void OpenReview(ConsoleDbContext db, AgentJob job, string context, Actor actor, DateTime now) =>
        HighRiskApprovals.Open(db, HighRiskApprovals.AgentJobSubject, job.Id, $"Review high-risk agent change: {job.TaskRequested}", context, null, actor, now);

    private static string Spell(RiskLevel level) => level.ToString().ToLowerInvariant();

    private static async Task RecordOverrideAsync(ConsoleDbContext db, AgentJob job, string reason, Actor actor, DateTime now, CancellationToken ct)
    {
        job.OverrideAt = now;
        job.OverrideByName = actor.DisplayName;
        job.OverrideReason = reason;
        await HumanDecisions.RecordAsync(db, new HumanDecision(actor, now, "agent_job.checks_overridden", "agent_job", job.Id,
            $"Overrode failed checks (result {job.Result.ToString().ToLowerInvariant()}, {job.TestsFailed ?? 0} failing test(s))", reason,
            new { overrideReason = (string?)null }, new { overrideReason = reason, overrideBy = actor.DisplayName }, null), ct);
    }

    private static async Task ApplyDecisionAsync(ConsoleDbContext db, AgentJob job, bool approve, string reason, Actor actor, DateTime now, CancellationToken ct)
    {
        var pending = await HighRiskApprovals.HasPendingAsync(db, HighRiskApprovals.AgentJobSubject, job.Id, ct);
        var repeated = approve ? job.HumanApproved : job.RefusedAt is not null;
        if (repeated && !pending)
        {
            return; // Repeating a decision changes nothing and is not a new decision.
        }

        var before = Decision(job);
        var withdrawing = !approve && job.HumanApproved;
        job.HumanApproved = approve;
        job.ApprovedAt = approve ? now : null;
        job.ApprovedById = approve ? actor.Id : null;
        job.ApprovedByName = approve ? actor.DisplayName : null;
        job.ApprovalNote = reason;
        if (!approve && !withdrawing)
        {
            job.RefusedAt = now;
            job.RefusedById = actor.Id;
            job.RefusedByName = actor.DisplayName;
            job.RefusalReason = reason;
        }

        var action = approve ? "agent_job.approved" : withdrawing ? "agent_job.approval_withdrawn" : "agent_job.rejected";
        var summary = approve ? $"Approved agent job \"{job.TaskRequested}\"" : withdrawing ? "Withdrew the approval" : $"Refused agent job \"{job.TaskRequested}\"";
        await HumanDecisions.RecordAsync(db, new HumanDecision(actor, now, action, "agent_job", job.Id, summary, reason, before, Decision(job),
            withdrawing ? null : approve ? ApprovalState.Approved : ApprovalState.Rejected), ct);
        if (withdrawing && job.RequiresReview)
        {
            // Withdrawn on a high-risk job: it needs a decision again, so it goes back to the approval queue.
            OpenReview(db, job, $"Approval withdrawn by {actor.DisplayName}: {reason}", actor, now);
        }
    }

    private static object Decision(AgentJob job) => new
    {
        humanApproved = job.HumanApproved, job.ApprovedAt, approvedBy = job.ApprovedByName, job.RefusedAt, refusedBy = job.RefusedByName,
        job.RefusalReason, job.OverrideReason,
    };

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

        // The same rule as AgentJobStatuses.Of, as a query.
        jobs = query.Status switch
        {
            AgentJobStatus.Deployed => jobs.Where(j => j.DeployedAt != null),
            AgentJobStatus.Refused => jobs.Where(j => j.DeployedAt == null && j.RefusedAt != null),
            AgentJobStatus.Approved => jobs.Where(j => j.DeployedAt == null && j.RefusedAt == null && j.HumanApproved),
            AgentJobStatus.NeedsReview => jobs.Where(j => j.DeployedAt == null && j.RefusedAt == null && !j.HumanApproved && j.RiskLevel != RiskLevel.Low),
            AgentJobStatus.Ready => jobs.Where(j => j.DeployedAt == null && j.RefusedAt == null && !j.HumanApproved && j.RiskLevel == RiskLevel.Low),
            _ => jobs,
        };

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
        j.RecordedByName, j.ApprovalRequestId)
    {
        RefusedAt = j.RefusedAt,
        RefusedBy = j.RefusedByName,
        RefusalReason = j.RefusalReason,
        OverrideAt = j.OverrideAt,
        OverrideBy = j.OverrideByName,
        OverrideReason = j.OverrideReason,
        ClassifiedRiskClass = j.ClassifiedRiskClass,
        ClassifiedRiskLevel = j.ClassifiedRiskLevel,
        RiskOverriddenAt = j.RiskOverriddenAt,
        RiskOverriddenBy = j.RiskOverriddenByName,
        RiskOverrideReason = j.RiskOverrideReason,
        LinesAdded = j.LinesAdded,
        LinesRemoved = j.LinesRemoved,
    };

    private static AgentJobView ToView(JobRow row) => ToView(row.Job, row.TaskTitle);
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>One open job whose verdict a rule change would change.</summary>
public sealed record ReclassifiedJob(int Id, string TaskRequested, RiskClass FromClass, RiskLevel FromLevel, RiskClass ToClass, RiskLevel ToLevel, string Explanation);

/// <summary>
/// When the rules change, the jobs nobody has decided yet (not approved, refused or deployed, and no operator
/// override of their risk) take the new verdict; decided jobs keep the one they were decided on. The rules page
/// previews the same computation before saving.
/// </summary>
public static class AgentJobReclassification
{
    public static IQueryable<AgentJob> Open(IQueryable<AgentJob> jobs) =>
        jobs.Where(j => !j.HumanApproved && j.RefusedAt == null && j.DeployedAt == null && j.RiskOverriddenAt == null);

    public static async Task<List<(AgentJob Job, RiskAssessment Verdict)>> ChangesAsync(
        ConsoleDbContext db, IReadOnlyList<RiskRule> rules, bool track, CancellationToken ct)
    {
        var jobs = track ? db.Set<AgentJob>() : db.Set<AgentJob>().AsNoTracking();
        var open = await Open(jobs).ToListAsync(ct);
        return open
            .Select(j => (Job: j, Verdict: ChangeRiskClassifier.Classify(rules, j.FilesTouched, AgentJobService.LinesChanged(j.LinesAdded, j.LinesRemoved))))
            .Where(x => x.Verdict.Class != x.Job.RiskClass || x.Verdict.Level != x.Job.RiskLevel
                || x.Verdict.MatchedRule?.Pattern != x.Job.MatchedRule || x.Verdict.MatchedFile != x.Job.MatchedFile)
            .ToList();
    }

    public static async Task<IReadOnlyList<ReclassifiedJob>> PreviewAsync(ConsoleDbContext db, IReadOnlyList<RiskRule> rules, CancellationToken ct) =>
        (await ChangesAsync(db, rules, track: false, ct))
            .Where(x => x.Verdict.Class != x.Job.RiskClass || x.Verdict.Level != x.Job.RiskLevel)
            .Select(x => new ReclassifiedJob(x.Job.Id, x.Job.TaskRequested, x.Job.RiskClass, x.Job.RiskLevel, x.Verdict.Class, x.Verdict.Level, x.Verdict.Explanation))
            .ToList();

    /// <summary>
    /// Applies the new verdicts (tracked; the caller saves): a job that becomes high opens its review request, one that
    /// is no longer high has its pending request closed (approved: the rules no longer ask for the review); audited per job.
    /// </summary>
    public static async Task<int> ApplyAsync(ConsoleDbContext db, IReadOnlyList<RiskRule> rules, Actor actor, DateTime now, CancellationToken ct)
    {
        var changes = await ChangesAsync(db, rules, track: true, ct);
        foreach (var (job, verdict) in changes)
        {
            var before = new { riskClass = job.RiskClass, riskLevel = job.RiskLevel, job.MatchedRule, job.MatchedFile };
            var wasHigh = job.RequiresReview;
            AgentJobService.SetRisk(job, verdict.Class, verdict.Level);
            job.MatchedRule = verdict.MatchedRule?.Pattern;
            job.MatchedFile = verdict.MatchedFile;
            if (job.RequiresReview && !wasHigh)
            {
                AgentJobService.OpenReview(db, job, $"Re-classified by a rule change: {verdict.Explanation}", actor, now);
            }
            else if (wasHigh && !job.RequiresReview)
            {
                await HumanDecisions.CloseRequestsAsync(db, HighRiskApprovals.AgentJobSubject, job.Id, ApprovalState.Approved, actor, now,
                    $"No longer high risk after a rule change: {verdict.Explanation}", ApprovalSubject.HighRiskChange, ct);
            }

            db.Audit(actor, now, "agent_job.reclassified", "agent_job", job.Id,
                $"Re-classified by a rule change: {RiskClasses.Spell(verdict.Class)}/{verdict.Level.ToString().ToLowerInvariant()} ({verdict.Explanation})",
                before: before, after: new { riskClass = job.RiskClass, riskLevel = job.RiskLevel, job.MatchedRule, job.MatchedFile });
        }

        return changes.Count;
    }
}

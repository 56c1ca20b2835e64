using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>
/// One exported agent job: what was asked, what came of it, how risky it was classified and who decided. The files
/// touched are one cell, a path per line (a path never holds a line break, so the list splits back exactly).
/// </summary>
[CsvRecord]
public sealed partial record AgentJobCsvRow(
    [property: CsvColumn("id")] int Id,
    [property: CsvColumn("createdAt")] DateTime CreatedAt,
    [property: CsvColumn("taskRequested")] string TaskRequested,
    [property: CsvColumn("result")] AgentJobResult Result,
    [property: CsvColumn("branch")] string? Branch,
    [property: CsvColumn("testsPassed")] int? TestsPassed,
    [property: CsvColumn("testsFailed")] int? TestsFailed,
    [property: CsvColumn("filesTouchedCount")] int FilesTouchedCount,
    [property: CsvColumn("filesTouched")] string FilesTouched,
    [property: CsvColumn("riskClass")] RiskClass RiskClass,
    [property: CsvColumn("riskLevel")] RiskLevel RiskLevel,
    [property: CsvColumn("riskExplanation")] string RiskExplanation,
    [property: CsvColumn("matchedRule")] string? MatchedRule,
    [property: CsvColumn("matchedFile")] string? MatchedFile,
    [property: CsvColumn("requiresReview")] bool RequiresReview,
    [property: CsvColumn("humanApproved")] bool HumanApproved,
    [property: CsvColumn("approvedAt")] DateTime? ApprovedAt,
    [property: CsvColumn("approvedBy")] string? ApprovedBy,
    [property: CsvColumn("approvalNote")] string? ApprovalNote,
    [property: CsvColumn("approvalRequestId")] int? ApprovalRequestId,
    [property: CsvColumn("deployedAt")] DateTime? DeployedAt,
    [property: CsvColumn("deployedBy")] string? DeployedBy,
    [property: CsvColumn("deployNote")] string? DeployNote,
    [property: CsvColumn("buildTaskId")] int? BuildTaskId,
    [property: CsvColumn("buildTaskTitle")] string? BuildTaskTitle,
    [property: CsvColumn("leadId")] int? LeadId,
    [property: CsvColumn("leadTitle")] string? LeadTitle,
    [property: CsvColumn("recordedBy")] string RecordedBy,
    [property: CsvColumn("recordedByKind")] ActorKind RecordedByKind)
{
    /// <summary>The separator of <see cref="FilesTouched"/>.</summary>
    public const string FileSeparator = "\n";
}

/// <summary>
/// Streams agent jobs for the CSV export with the list's own filter (<see cref="AgentJobService.Filter"/>) and order
/// (newest first): one query, read row by row, never the whole ledger in memory.
/// </summary>
public sealed class AgentJobExportService(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    public async IAsyncEnumerable<AgentJobCsvRow> JobsAsync(AgentJobListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows =
            from j in AgentJobService.Filter(db.Set<AgentJob>().AsNoTracking(), query)
            join t in db.Set<BuildTask>() on j.BuildTaskId equals t.Id into tasks
            from t in tasks.DefaultIfEmpty()
            join l in db.Set<Lead>() on t.LeadId equals (int?)l.Id into leads
            from l in leads.DefaultIfEmpty()
            orderby j.CreatedAt descending, j.Id descending
            // The entity comes back whole: its file list is a JSON column, joined in memory.
            select new { Job = j, TaskTitle = t == null ? null : t.Title, LeadId = t == null ? null : t.LeadId, LeadTitle = l == null ? null : l.Title };

        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var j = row.Job;
            yield return new AgentJobCsvRow(
                j.Id, j.CreatedAt, j.TaskRequested, j.Result, j.Branch, j.TestsPassed, j.TestsFailed,
                j.FilesTouched.Count, string.Join(AgentJobCsvRow.FileSeparator, j.FilesTouched),
                j.RiskClass, j.RiskLevel, AgentJobView.ExplainRisk(j.MatchedRule, j.MatchedFile), j.MatchedRule, j.MatchedFile,
                j.RequiresReview, j.HumanApproved, j.ApprovedAt, j.ApprovedByName, j.ApprovalNote, j.ApprovalRequestId,
                j.DeployedAt, j.DeployedByName, j.DeployNote, j.BuildTaskId, row.TaskTitle, row.LeadId, row.LeadTitle,
                j.RecordedByName, j.RecordedByKind);
        }
    }
}

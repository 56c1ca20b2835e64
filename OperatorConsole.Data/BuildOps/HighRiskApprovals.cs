using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.BuildOps;

/// <summary>
/// The "high-risk change" approval requests of agent jobs and build tasks. A pending request is what puts the change
/// in the approval queue of Failures &amp; Interventions; deciding the job or task resolves it in the same save.
/// </summary>
public static class HighRiskApprovals
{
    public const string AgentJobSubject = "agent_job";
    public const string BuildTaskSubject = "build_task";

    public static ApprovalRequest Open(
        ConsoleDbContext db, string subjectType, int subjectId, string title, string? context, int? leadId, Actor requestedBy, DateTime now) =>
        // A long title is cut with an ellipsis here, so the shared opener (which cuts at 300) keeps it as it is.
        ApprovalRequests.Open(
            db, ApprovalSubject.HighRiskChange, subjectType, subjectId, leadId, title.Length > 300 ? title[..297] + "…" : title, context, requestedBy, now);

    public static Task<bool> HasPendingAsync(ConsoleDbContext db, string subjectType, int subjectId, CancellationToken ct)
    {
        var id = subjectId.ToString(CultureInfo.InvariantCulture);
        return db.Set<ApprovalRequest>().AnyAsync(
            a => a.SubjectType == subjectType && a.SubjectId == id && a.State == ApprovalState.Pending && a.Subject == ApprovalSubject.HighRiskChange, ct);
    }

    /// <summary>Marks every pending high-risk request of the record decided (tracked; the caller saves).</summary>
    public static Task<int> ResolveAsync(
        ConsoleDbContext db, string subjectType, int subjectId, bool approved, Actor decider, DateTime now, string? note, CancellationToken ct) =>
        HumanDecisions.CloseRequestsAsync(
            db, subjectType, subjectId, approved ? ApprovalState.Approved : ApprovalState.Rejected, decider, now, note, ApprovalSubject.HighRiskChange, ct);
}

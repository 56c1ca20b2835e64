using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Learning;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Approvals;

/// <summary>
/// A subject whose decision is carried out by the service that owns the record (the playbook writes a new
/// version, an agent job records its approval, a build task moves to approved). The approvals inbox passes the
/// decision — already checked for operator, reason and second-operator — to the owner, so a decision taken in
/// the inbox and one taken on the record's own page have exactly the same effect and the same audit trail.
/// </summary>
public interface IApprovalOwner
{
    bool Owns(ApprovalRequest request);

    Task<OperationResult<bool>> DecideAsync(ApprovalRequest request, bool approve, string reason, Actor actor, CancellationToken ct);
}

/// <summary>Playbook promotions: approving writes a new playbook version (never an overwrite).</summary>
internal sealed class PlaybookPromotionOwner(IServiceProvider services) : IApprovalOwner
{
    public bool Owns(ApprovalRequest request) =>
        request.Subject == ApprovalSubject.PlaybookPromotion && request.SubjectType == LearningService.SubjectType;

    public async Task<OperationResult<bool>> DecideAsync(ApprovalRequest request, bool approve, string reason, Actor actor, CancellationToken ct)
    {
        var result = await services.GetRequiredService<PlaybookService>().DecidePromotionAsync(request.Id, approve, reason, actor, ct);
        return result.Succeeded ? OperationResult<bool>.Ok(true) : result.As<bool>();
    }
}

/// <summary>High-risk agent jobs and build tasks: the approval is recorded on the job or moves the task.</summary>
internal sealed class HighRiskChangeOwner(IServiceProvider services) : IApprovalOwner
{
    public bool Owns(ApprovalRequest request) =>
        request.Subject == ApprovalSubject.HighRiskChange
        && request.SubjectType is HighRiskApprovals.AgentJobSubject or HighRiskApprovals.BuildTaskSubject
        && int.TryParse(request.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public async Task<OperationResult<bool>> DecideAsync(ApprovalRequest request, bool approve, string reason, Actor actor, CancellationToken ct)
    {
        var id = int.Parse(request.SubjectId, CultureInfo.InvariantCulture);
        if (request.SubjectType == HighRiskApprovals.AgentJobSubject)
        {
            var job = await services.GetRequiredService<AgentJobService>().ApplyApprovalAsync(id, approve, reason, actor, ct);
            return job.Succeeded ? OperationResult<bool>.Ok(true) : job.As<bool>();
        }

        var task = await services.GetRequiredService<BuildTaskService>().ApplyApprovalAsync(id, approve, reason, actor, ct);
        return task.Succeeded ? OperationResult<bool>.Ok(true) : task.As<bool>();
    }
}

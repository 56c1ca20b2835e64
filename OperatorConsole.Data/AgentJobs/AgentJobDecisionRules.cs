using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>
/// Every check a PATCH decision on an agent job must pass, in one place and without the database (unit-tested):
/// the reason, the failed-checks override, refusal being final, deploy only after approval above low risk, and a
/// deployment time that is now or in the past, after the job was recorded and approved.
/// </summary>
public static class AgentJobDecisionRules
{
    public static ValidationErrors Validate(AgentJob job, DecideAgentJobRequest request, DateTime nowUtc)
    {
        // The job keeps the reason in a column of AgentJobRules.NoteMax characters.
        var errors = HumanGate.CheckReason(new ValidationErrors(), request.Reason).MaxLength("reason", request.Reason, AgentJobRules.NoteMax);
        if (request.HumanApproved is null && request.DeployedAt is null)
        {
            errors.Add("humanApproved", "Send humanApproved and/or deployedAt.");
        }

        var failedChecks = AgentJobRules.FailedChecks(job.Result, job.TestsFailed);
        if (request.OverrideReason is not null)
        {
            HumanGate.CheckReason(errors, request.OverrideReason, "overrideReason");
            if (!failedChecks)
            {
                errors.Add("overrideReason", "This job's checks passed: there is nothing to override.");
            }
        }

        var overridden = job.OverrideAt is not null || !string.IsNullOrWhiteSpace(request.OverrideReason);
        var refused = job.RefusedAt is not null;
        if (request.HumanApproved == true && !job.HumanApproved)
        {
            if (refused)
            {
                errors.Add("humanApproved", $"This job was refused by {job.RefusedByName} ({job.RefusalReason}); a refusal is final.");
            }
            else if (AgentJobRules.FailedChecksBlocker(job.Result, job.TestsFailed, overridden, "approved") is { } blocked)
            {
                errors.Add("humanApproved", blocked);
            }
        }

        if (request.HumanApproved == false && job.DeployedAt is not null)
        {
            errors.Add("humanApproved", "This job is already deployed; its approval cannot be withdrawn.");
        }

        if (request.DeployedAt is { } deployedAt)
        {
            CheckDeploy(errors, job, request, deployedAt.ToUniversalTime(), nowUtc, overridden);
        }

        return errors;
    }

    private static void CheckDeploy(ValidationErrors errors, AgentJob job, DecideAgentJobRequest request, DateTime deployedAt, DateTime now, bool overridden)
    {
        var approvedAfter = request.HumanApproved ?? job.HumanApproved;
        var refusedAfter = job.RefusedAt is not null || (request.HumanApproved == false && !job.HumanApproved);
        var blocker = AgentJobRules.DeployBlocker(job.RiskLevel, approvedAfter, refusedAfter)
            ?? AgentJobRules.FailedChecksBlocker(job.Result, job.TestsFailed, overridden, "marked deployed");
        if (blocker is not null)
        {
            errors.Add("deployedAt", blocker);
        }

        var approvedAt = request.HumanApproved == true && !job.HumanApproved ? now : job.ApprovedAt;
        if (AgentJobRules.DeployedAtProblem(deployedAt, now, job.CreatedAt, approvedAfter ? approvedAt : null) is { } problem)
        {
            errors.Add("deployedAt", problem);
        }
    }
}

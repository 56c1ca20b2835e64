using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Proposals;

/// <summary>
/// The effect of a proposal-send decision: approved → SendApproved (the operator may now send it and mark
/// it sent); rejected → SendRejected (stays unsent; it can be edited and requested again).
/// </summary>
public sealed class ProposalSendApprovalHandler : IApprovalSubjectHandler
{
    public ApprovalSubject Subject => ApprovalSubject.ProposalSend;

    public async Task OnDecidedAsync(ConsoleDbContext db, ApprovalRequest request, bool approved, Actor actor, DateTime now, CancellationToken ct)
    {
        if (!int.TryParse(request.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var proposalId))
        {
            throw new ApprovalDecisionRefusedException($"Approval {request.Id} points at proposal \"{request.SubjectId}\", which is not a proposal id.");
        }

        var proposal = await db.Set<Proposal>().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw new ApprovalDecisionRefusedException($"Proposal {proposalId} no longer exists.");
        var transition = ProposalPolicy.Apply(proposal.Status, approved ? ProposalAction.ApproveSend : ProposalAction.RejectSend);
        if (!transition.Allowed)
        {
            throw new ApprovalDecisionRefusedException(transition.Refusal!);
        }

        var from = proposal.Status;
        var version = proposal.Versions.Count == 0 ? (int?)null : proposal.Versions.Max(v => v.Number);
        proposal.Status = transition.To;
        proposal.UpdatedAt = now;
        proposal.ApprovedVersionNumber = approved ? version : null;
        ProposalService.Step(db, proposal, from, approved ? "send_approved" : "send_rejected", version, actor, now, request.DecisionNote);
    }
}

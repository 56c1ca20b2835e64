using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Proposals;

/// <summary>
/// Gives the core demo proposals the history a real one has: each step in the proposal's status history,
/// a decided send approval (with its audit entry) for every proposal that went out, and versions that
/// carry their title and amount.
/// </summary>
public sealed class ProposalDemoSeed : IDemoSeedContributor
{
    public int Order => 10;

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var proposals = await db.Set<Proposal>().Include(p => p.Versions).ToListAsync(ct);
        var pending = await db.Set<ApprovalRequest>().Where(a => a.SubjectType == "proposal").ToListAsync(ct);
        var partner = new Actor(ActorKind.User, "demo-partner", "Demo Partner", IsOperator: true);
        foreach (var proposal in proposals)
        {
            foreach (var version in proposal.Versions)
            {
                version.Title = proposal.Title;
                version.Amount = proposal.Amount;
            }

            var status = proposal.Status;
            Add(db, proposal, null, ProposalStatus.Draft, "drafted", 1, context.Operator, proposal.CreatedAt, null);
            if (pending.FirstOrDefault(a => a.SubjectId == Id(proposal)) is { } request)
            {
                Add(db, proposal, ProposalStatus.Draft, ProposalStatus.SendRequested, "send_requested", 1, partner, request.RequestedAt, "Ready for the client, please check the price.");
                continue;
            }

            if (proposal.SentAt is not { } sentAt)
            {
                continue;
            }

            await RecordApprovedSendAsync(db, context, proposal, partner, sentAt, ct);
            if (status == ProposalStatus.Closed && proposal.Outcome is { } outcome && proposal.OutcomeAt is { } outcomeAt)
            {
                var step = "outcome_" + System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());
                Add(db, proposal, ProposalStatus.Sent, ProposalStatus.Closed, step, null, context.Operator, outcomeAt, proposal.OutcomeReason ?? ProposalService.OutcomeLabel(outcome));
            }
        }
    }

    /// <summary>
    /// A proposal that went out was asked for by the partner, approved by the operator (a decided approval request
    /// with its audit entry) and sent: three steps in its status history.
    /// </summary>
    private static async Task RecordApprovedSendAsync(ConsoleDbContext db, DemoSeedContext context, Proposal proposal, Actor partner, DateTime sentAt, CancellationToken ct)
    {
        var requestedAt = sentAt.AddHours(-20);
        var decidedAt = sentAt.AddHours(-2);
        var approval = new ApprovalRequest
        {
            Subject = ApprovalSubject.ProposalSend,
            SubjectType = "proposal",
            SubjectId = Id(proposal),
            LeadId = proposal.LeadId,
            Title = $"Send proposal \"{proposal.Title}\" (version 1)",
            Context = proposal.Body,
            State = ApprovalState.Approved,
            RequestedAt = requestedAt,
            RequestedByKind = ActorKind.User,
            RequestedById = partner.Id,
            RequestedByName = partner.DisplayName,
            DecidedAt = decidedAt,
            DecidedById = context.Operator.Id,
            DecidedByName = context.Operator.DisplayName,
            DecisionNote = "Scope and price match the discovery call.",
        };
        db.Add(approval);
        await db.SaveChangesAsync(ct);
        db.Audit(context.Operator, decidedAt, "approval.approved", "approval_request", approval.Id, $"Approved: {approval.Title}", approval.DecisionNote,
            new { approval.Id, approval.Subject, State = ApprovalState.Pending, approval.RequestedAt, approval.RequestedByName },
            new { approval.Id, approval.Subject, approval.State, approval.DecidedAt, approval.DecidedByName, approval.DecisionNote });
        proposal.ApprovedVersionNumber = 1;
        Add(db, proposal, ProposalStatus.Draft, ProposalStatus.SendRequested, "send_requested", 1, partner, requestedAt, null);
        Add(db, proposal, ProposalStatus.SendRequested, ProposalStatus.SendApproved, "send_approved", 1, context.Operator, decidedAt, approval.DecisionNote);
        Add(db, proposal, ProposalStatus.SendApproved, ProposalStatus.Sent, "sent", 1, context.Operator, sentAt, "Sent by the operator via email");
    }

    private static string Id(Proposal p) => p.Id.ToString(CultureInfo.InvariantCulture);

    private static void Add(
        ConsoleDbContext db, Proposal p, ProposalStatus? from, ProposalStatus to, string step, int? version, Actor actor, DateTime at, string? reason) =>
        db.Add(new ProposalStatusChange
        {
            ProposalId = p.Id,
            LeadId = p.LeadId,
            FromStatus = from,
            ToStatus = to,
            Step = step,
            VersionNumber = version,
            ChangedAt = at,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Reason = reason,
        });
}

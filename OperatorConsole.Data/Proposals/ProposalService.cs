using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Proposals;

/// <summary>
/// Proposals from draft to outcome. The console drafts and records; it never sends (axiom 1): "request send"
/// opens an approval, an operator decides it in the approvals inbox, and the operator who sent the text
/// (by mail or by pasting it) marks it sent. Every step is a <see cref="ProposalStatusChange"/> and, when it
/// is a human decision or edit, an audit entry, saved in the same unit of work as the change.
/// </summary>
public sealed class ProposalService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    IEnumerable<IProposalTemplateSource> templateSources)
{
    private readonly IProposalTemplateSource? _templates = templateSources.LastOrDefault();

    public bool HasTemplateSource => _templates is not null;

    public async Task<IReadOnlyList<ProposalTemplate>> TemplatesAsync(int leadId, CancellationToken ct = default) =>
        _templates is null ? [] : await _templates.ListAsync(leadId, ct);

    public async Task<PagedList<ProposalSummary>?> ListForLeadAsync(int leadId, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var paging = PageRequest.From(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return null;
        }

        var proposals = db.Set<Proposal>().AsNoTracking().Where(p => p.LeadId == leadId);
        var total = await proposals.CountAsync(ct);
        var items = await proposals.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(p => new ProposalSummary(
                p.Id, p.LeadId, p.Title, p.Status, p.Amount, p.Versions.Max(v => (int?)v.Number) ?? 0, p.CreatedAt, p.UpdatedAt, p.SentAt, p.SentByName,
                p.Outcome, p.OutcomeAt, p.OutcomeValue, p.OutcomeReason, p.ApprovedVersionNumber, p.CreatedByName))
            .ToListAsync(ct);
        return new PagedList<ProposalSummary>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<ProposalDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<Proposal>().AsNoTracking().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return null;
        }

        var lead = await db.Set<Lead>().AsNoTracking().Where(l => l.Id == proposal.LeadId)
            .Select(l => new { l.Title, l.ContactName, l.ContactEmail }).FirstAsync(ct);
        var history = await db.Set<ProposalStatusChange>().AsNoTracking().Where(c => c.ProposalId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new ProposalStepView(c.Id, c.Step, c.FromStatus, c.ToStatus, c.VersionNumber, c.ChangedAt, c.ActorName, c.ActorKind.ToString(), c.Reason))
            .ToListAsync(ct);
        var subjectId = id.ToString(CultureInfo.InvariantCulture);
        var approval = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(a => a.Subject == ApprovalSubject.ProposalSend && a.SubjectType == "proposal" && a.SubjectId == subjectId)
            .OrderByDescending(a => a.RequestedAt).ThenByDescending(a => a.Id)
            .Select(a => new ApprovalSummary(a.Id, a.State, a.RequestedAt, a.RequestedByName, a.DecidedAt, a.DecidedByName, a.DecisionNote))
            .FirstOrDefaultAsync(ct);
        return new ProposalDetail(
            proposal.Id, proposal.LeadId, lead.Title, lead.ContactName, lead.ContactEmail, proposal.Title, proposal.Body, proposal.Status, proposal.Amount,
            proposal.ServicePackageId, proposal.CreatedAt, proposal.UpdatedAt, proposal.SentAt, proposal.SentByName, proposal.Outcome, proposal.OutcomeAt,
            proposal.OutcomeValue, proposal.OutcomeReason, proposal.ApprovedVersionNumber, proposal.CreatedByName, approval,
            ProposalPolicy.Allowed(proposal.Status),
            proposal.Versions.OrderByDescending(v => v.Number)
                .Select(v => new ProposalVersionView(v.Number, v.Title, v.Body, v.Amount, v.Origin, v.CreatedAt, v.CreatedByName)).ToList(),
            history);
    }

    /// <summary>Operators and API keys with proposals:draft may draft; a viewer may not.</summary>
    public async Task<OperationResult<ProposalDetail>> CreateDraftAsync(int leadId, CreateProposalRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!MayDraft(actor))
        {
            return OperationResult<ProposalDetail>.Forbidden("Only an operator or an API key with proposals:draft can draft proposals.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<ProposalDetail>.NotFound($"Lead {leadId} does not exist.");
        }

        var title = request.Title;
        var body = request.Body;
        var amount = request.Amount;
        var origin = request.Origin ?? (actor.Kind == ActorKind.ApiKey ? ProposalOrigins.ApiKey : ProposalOrigins.Manual);
        if (request.ServicePackageId is { } packageId)
        {
            var template = _templates is null ? null : await _templates.GetAsync(packageId, leadId, ct);
            if (template is null)
            {
                return OperationResult<ProposalDetail>.Invalid("servicePackageId", $"Service package {packageId} does not exist.");
            }

            // The package fills what the caller left empty; what the caller wrote wins.
            title = string.IsNullOrWhiteSpace(title) ? template.Title : title;
            body = string.IsNullOrWhiteSpace(body) ? template.Body : body;
            amount ??= template.Amount;
            origin = request.Origin ?? ProposalOrigins.ServicePackage;
        }

        title = string.IsNullOrWhiteSpace(title) ? $"Proposal for {lead.Company ?? lead.Title}" : title;
        var errors = ProposalRules.ValidateDraft(title, body, amount, origin);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var now = Now();
        var proposal = NewDraft(leadId, title.Trim(), body!, amount, request.ServicePackageId, origin, actor, now);

        // The proposal's id is needed for its history and audit entry.
        db.Add(proposal);
        await db.SaveWithAuditAsync(() =>
        {
            Step(db, proposal, null, "drafted", 1, actor, now, origin == ProposalOrigins.Manual ? null : $"origin {origin}");
            db.Audit(actor, now, "proposal.drafted", "proposal", proposal.Id, $"Drafted \"{proposal.Title}\" for {lead.Title}",
                after: Snapshot(proposal, 1));
        }, ct);
        return OperationResult<ProposalDetail>.Created((await GetAsync(proposal.Id, ct))!);
    }

    /// <summary>Every save is a new version; editing after a rejection re-opens the draft, after an approval voids it.</summary>
    public async Task<OperationResult<ProposalDetail>> UpdateDraftAsync(int id, UpdateProposalRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!MayDraft(actor))
        {
            return OperationResult<ProposalDetail>.Forbidden("Only an operator or an API key with proposals:draft can edit drafts.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await WithVersionsAsync(db, id, ct) is not { } proposal)
        {
            return Missing(id);
        }

        var origin = request.Origin ?? (actor.Kind == ActorKind.ApiKey ? ProposalOrigins.ApiKey : ProposalOrigins.Manual);
        var errors = ProposalRules.ValidateDraft(request.Title ?? proposal.Title, request.Body ?? proposal.Body, request.Amount ?? proposal.Amount, origin);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var transition = ProposalPolicy.Apply(proposal.Status, ProposalAction.Edit);
        if (!transition.Allowed)
        {
            return OperationResult<ProposalDetail>.Conflict(transition.Refusal!);
        }

        var title = request.Title?.Trim() ?? proposal.Title;
        var body = request.Body ?? proposal.Body;
        var amount = request.Amount ?? proposal.Amount;
        if (title == proposal.Title && body == proposal.Body && amount == proposal.Amount)
        {
            // Nothing changed: no empty version, no history noise.
            return OperationResult<ProposalDetail>.Ok((await GetAsync(id, ct))!);
        }

        var now = Now();
        var before = Snapshot(proposal, proposal.Versions.Max(v => v.Number));
        var number = SaveAsNewVersion(db, proposal, title, body, amount, transition.To, origin, actor, now);
        db.Audit(actor, now, "proposal.edited", "proposal", proposal.Id, $"Saved version {number} of \"{proposal.Title}\"",
            before: before, after: Snapshot(proposal, number));
        if (!await TrySaveAsync(db, ct))
        {
            return ChangedUnderneath();
        }

        return OperationResult<ProposalDetail>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<OperationResult<ProposalDetail>> RequestSendAsync(int id, RequestSendRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProposalDetail>(actor, "Only a signed-in operator can request to send a proposal.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await WithVersionsAsync(db, id, ct) is not { } proposal)
        {
            return Missing(id);
        }

        var errors = new ValidationErrors().MaxLength("note", request.Note, ProposalRules.ReasonMax);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var transition = ProposalPolicy.Apply(proposal.Status, ProposalAction.RequestSend);
        if (!transition.Allowed)
        {
            return OperationResult<ProposalDetail>.Conflict(transition.Refusal!);
        }

        var lead = await db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == proposal.LeadId, ct);
        var now = Now();
        var version = proposal.Versions.Max(v => v.Number);
        ApprovalRequests.Open(
            db,
            ApprovalSubject.ProposalSend,
            "proposal",
            proposal.Id,
            proposal.LeadId,
            $"Send proposal \"{proposal.Title}\" to {lead.Company ?? lead.Title} (version {version})",
            proposal.Body,
            actor,
            now);
        var from = proposal.Status;
        proposal.Status = transition.To;
        proposal.UpdatedAt = now;
        Step(db, proposal, from, "send_requested", version, actor, now, TextInput.Clean(request.Note));
        db.Audit(actor, now, "proposal.send_requested", "proposal", proposal.Id, $"Requested to send version {version} of \"{proposal.Title}\"",
            TextInput.Clean(request.Note), new { Status = from }, new { proposal.Status, Version = version });
        if (!await TrySaveAsync(db, ct))
        {
            return ChangedUnderneath();
        }

        return OperationResult<ProposalDetail>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>The operator sent it themselves (mail client or copy-paste) and says so; the console sent nothing.</summary>
    public async Task<OperationResult<ProposalDetail>> MarkSentAsync(int id, MarkSentRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProposalDetail>(actor, "Only a signed-in operator can mark a proposal as sent.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await WithVersionsAsync(db, id, ct) is not { } proposal)
        {
            return Missing(id);
        }

        var errors = new ValidationErrors().MaxLength("via", request.Via, 40).MaxLength("note", request.Note, ProposalRules.ReasonMax);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var transition = ProposalPolicy.Apply(proposal.Status, ProposalAction.MarkSent);
        if (!transition.Allowed)
        {
            return OperationResult<ProposalDetail>.Conflict(transition.Refusal!);
        }

        var lead = await db.Set<Lead>().FirstAsync(l => l.Id == proposal.LeadId, ct);
        var now = Now();
        var from = proposal.Status;
        var version = proposal.ApprovedVersionNumber ?? proposal.Versions.Max(v => v.Number);
        proposal.Status = transition.To;
        proposal.SentAt = now;
        proposal.SentById = actor.Id;
        proposal.SentByName = actor.DisplayName;
        proposal.UpdatedAt = now;
        var via = TextInput.Clean(request.Via) ?? "email";
        Step(db, proposal, from, "sent", version, actor, now, TextInput.Clean(request.Note) ?? $"Sent by the operator via {via}");
        RecordAsContact(db, lead, proposal, version, via, actor, now);
        db.Audit(actor, now, "proposal.sent", "proposal", proposal.Id, $"Marked \"{proposal.Title}\" sent (version {version}, via {via})",
            TextInput.Clean(request.Note), new { Status = from }, new { proposal.Status, proposal.SentAt, Version = version, Via = via });
        if (!await TrySaveAsync(db, ct))
        {
            return ChangedUnderneath();
        }

        return OperationResult<ProposalDetail>.Ok((await GetAsync(id, ct))!);
    }

    private static OperationResult<ProposalDetail> Missing(int id) => OperationResult<ProposalDetail>.NotFound($"Proposal {id} does not exist.");

    /// <summary>The proposal with its versions, tracked for a change; null when there is none.</summary>
    private static Task<Proposal?> WithVersionsAsync(ConsoleDbContext db, int id, CancellationToken ct) =>
        db.Set<Proposal>().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == id, ct);

    private static Proposal NewDraft(int leadId, string title, string body, decimal? amount, int? servicePackageId, string origin, Actor actor, DateTime now)
    {
        var proposal = new Proposal
        {
            LeadId = leadId,
            Title = title,
            Body = body,
            Amount = amount,
            ServicePackageId = servicePackageId,
            Status = ProposalStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
        };
        proposal.Versions.Add(NewVersion(proposal, 1, origin, actor, now));
        return proposal;
    }

    /// <summary>The edit as the next version, with its history step; an edit of an approved version voids the approval.</summary>
    private static int SaveAsNewVersion(
        ConsoleDbContext db, Proposal proposal, string title, string body, decimal? amount, ProposalStatus to, string origin, Actor actor, DateTime now)
    {
        var from = proposal.Status;
        proposal.Title = title;
        proposal.Body = body;
        proposal.Amount = amount;
        proposal.UpdatedAt = now;
        proposal.Status = to;
        if (from == ProposalStatus.SendApproved)
        {
            proposal.ApprovedVersionNumber = null;
        }

        var number = proposal.Versions.Max(v => v.Number) + 1;
        proposal.Versions.Add(NewVersion(proposal, number, origin, actor, now));
        Step(db, proposal, from, "edited", number, actor, now,
            from == ProposalStatus.SendApproved ? "Edited after approval: the approval no longer applies, request sending again." : null);
        return number;
    }

    /// <summary>Sending is a contact with the client: it is a touch, and it moves a lead still being qualified to Proposal.</summary>
    private static void RecordAsContact(ConsoleDbContext db, Lead lead, Proposal proposal, int version, string via, Actor actor, DateTime now)
    {
        db.Add(new Touch
        {
            LeadId = lead.Id,
            Channel = TouchChannel.Email,
            Direction = TouchDirection.Outbound,
            Summary = $"Proposal sent: {proposal.Title} (version {version}, via {via})",
            OccurredAt = now,
            RecordedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
        });
        lead.LastContactAt = lead.LastContactAt is { } last && last > now ? last : now;
        if (ProposalPolicy.LeadStatusAfterSent(lead.Status) is { } stage)
        {
            LeadService.ApplyStatus(db, lead, stage, now, actor, $"Proposal \"{proposal.Title}\" sent");
        }
    }

    /// <summary>Won moves the lead to Approved (same SaveChanges) and records the value; lost/no-response keep the reason.</summary>
    public async Task<OperationResult<ProposalDetail>> RecordOutcomeAsync(int id, RecordOutcomeRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProposalDetail>(actor, "Only a signed-in operator can record a proposal's outcome.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return Missing(id);
        }

        var errors = ProposalRules.ValidateOutcome(request.Outcome, request.Value, request.Reason);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var transition = ProposalPolicy.Apply(proposal.Status, ProposalAction.RecordOutcome);
        if (!transition.Allowed)
        {
            return OperationResult<ProposalDetail>.Conflict(transition.Refusal!);
        }

        var lead = await db.Set<Lead>().FirstAsync(l => l.Id == proposal.LeadId, ct);
        var now = Now();
        var from = proposal.Status;
        var outcome = request.Outcome!.Value;
        var reason = TextInput.Clean(request.Reason);
        proposal.Status = transition.To;
        proposal.Outcome = outcome;
        proposal.OutcomeAt = now;
        proposal.OutcomeValue = request.Value;
        proposal.OutcomeReason = reason;
        proposal.UpdatedAt = now;
        var label = OutcomeLabel(outcome);
        Step(db, proposal, from, "outcome_" + JsonName(outcome), null, actor, now,
            reason ?? (request.Value is { } v ? $"{label} at {v.ToString("N0", CultureInfo.InvariantCulture)}" : label));
        var leadBefore = lead.Status;
        if (ProposalPolicy.LeadStatusAfterOutcome(lead.Status, outcome) is { } stage)
        {
            LeadService.ApplyStatus(db, lead, stage, now, actor,
                $"Proposal \"{proposal.Title}\" won" + (request.Value is { } won ? $" ({won.ToString("N0", CultureInfo.InvariantCulture)})" : ""));
        }

        db.Audit(actor, now, "proposal.outcome_recorded", "proposal", proposal.Id, $"{label}: \"{proposal.Title}\"", reason,
            new { Status = from, LeadStatus = leadBefore },
            new { proposal.Status, proposal.Outcome, proposal.OutcomeValue, LeadStatus = lead.Status });
        if (!await TrySaveAsync(db, ct))
        {
            return ChangedUnderneath();
        }

        return OperationResult<ProposalDetail>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Adds one step to the proposal's status history (the lead timeline reads it).</summary>
    internal static void Step(
        ConsoleDbContext db, Proposal proposal, ProposalStatus? from, string step, int? version, Actor actor, DateTime now, string? reason) =>
        db.Add(new ProposalStatusChange
        {
            ProposalId = proposal.Id,
            LeadId = proposal.LeadId,
            FromStatus = from,
            ToStatus = proposal.Status,
            Step = step,
            VersionNumber = version,
            ChangedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Reason = reason is { Length: > 2000 } long_ ? long_[..2000] : reason,
        });

    public static string OutcomeLabel(ProposalOutcome outcome) => outcome switch
    {
        ProposalOutcome.Won => "Won",
        ProposalOutcome.Lost => "Lost",
        ProposalOutcome.NoResponse => "No response",
        _ => outcome.ToString(),
    };

    private static string JsonName(ProposalOutcome outcome) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    private static bool MayDraft(Actor actor) => actor.Kind switch
    {
        ActorKind.User => actor.IsOperator,
        ActorKind.ApiKey or ActorKind.System => true,
        _ => false,
    };

    private static ProposalVersion NewVersion(Proposal proposal, int number, string origin, Actor actor, DateTime now) => new()
    {
        Number = number,
        Title = proposal.Title,
        Body = proposal.Body,
        Amount = proposal.Amount,
        Origin = origin,
        CreatedAt = now,
        CreatedById = actor.Id,
        CreatedByName = actor.DisplayName,
    };

    private static object Snapshot(Proposal p, int version) => new { p.Title, p.Status, p.Amount, Version = version, BodyLength = p.Body.Length };

    private static async Task<bool> TrySaveAsync(ConsoleDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static OperationResult<ProposalDetail> ChangedUnderneath() =>
        OperationResult<ProposalDetail>.Conflict("The proposal changed while you were working on it; reload and try again.");

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Proposals;

/// <summary>Everything that can happen to a proposal; each is checked by <see cref="ProposalPolicy"/>.</summary>
public enum ProposalAction
{
    Edit,
    RequestSend,
    ApproveSend,
    RejectSend,
    MarkSent,
    RecordOutcome,
}

/// <summary>The answer of the policy: allowed with the status it leads to, or refused with why.</summary>
public sealed record ProposalTransition(bool Allowed, ProposalStatus To, string? Refusal)
{
    public static ProposalTransition Allow(ProposalStatus to) => new(true, to, null);

    public static ProposalTransition Refuse(ProposalStatus stays, string why) => new(false, stays, why);
}

/// <summary>
/// The proposal's status machine, pure so it can be tested without a database:
/// Draft → SendRequested → SendApproved → Sent → Closed (with an outcome);
/// SendRequested → SendRejected → (edit) Draft or (request again) SendRequested.
/// Nothing reaches Sent without an approval, and the text cannot change while a decision is pending.
/// </summary>
public static class ProposalPolicy
{
    public static ProposalTransition Apply(ProposalStatus from, ProposalAction action) => (action, from) switch
    {
        // Editing a rejected draft re-opens it; editing an approved one voids the approval (what is sent
        // must be exactly what was approved), so it goes back to Draft and needs a new request.
        (ProposalAction.Edit, ProposalStatus.Draft or ProposalStatus.SendRejected or ProposalStatus.SendApproved) => ProposalTransition.Allow(ProposalStatus.Draft),
        (ProposalAction.Edit, ProposalStatus.SendRequested) => ProposalTransition.Refuse(from, "The proposal is waiting for a send decision; it cannot change until an operator decides."),
        (ProposalAction.Edit, _) => ProposalTransition.Refuse(from, $"A proposal that is {Describe(from)} cannot be edited; draft a new one."),

        (ProposalAction.RequestSend, ProposalStatus.Draft or ProposalStatus.SendRejected) => ProposalTransition.Allow(ProposalStatus.SendRequested),
        (ProposalAction.RequestSend, ProposalStatus.SendRequested) => ProposalTransition.Refuse(from, "Sending was already requested; the approval is pending."),
        (ProposalAction.RequestSend, ProposalStatus.SendApproved) => ProposalTransition.Refuse(from, "Sending is already approved; mark it sent once you have sent it."),
        (ProposalAction.RequestSend, _) => ProposalTransition.Refuse(from, $"A proposal that is {Describe(from)} cannot be requested for sending."),

        (ProposalAction.ApproveSend, ProposalStatus.SendRequested) => ProposalTransition.Allow(ProposalStatus.SendApproved),
        (ProposalAction.RejectSend, ProposalStatus.SendRequested) => ProposalTransition.Allow(ProposalStatus.SendRejected),
        (ProposalAction.ApproveSend or ProposalAction.RejectSend, _) => ProposalTransition.Refuse(from, $"Only a proposal waiting for a send decision can be approved or rejected; this one is {Describe(from)}."),

        (ProposalAction.MarkSent, ProposalStatus.SendApproved) => ProposalTransition.Allow(ProposalStatus.Sent),
        (ProposalAction.MarkSent, ProposalStatus.Sent or ProposalStatus.Closed) => ProposalTransition.Refuse(from, "The proposal is already sent."),
        (ProposalAction.MarkSent, _) => ProposalTransition.Refuse(from, $"A proposal can be marked sent only after an operator approved sending it; this one is {Describe(from)}."),

        (ProposalAction.RecordOutcome, ProposalStatus.Sent) => ProposalTransition.Allow(ProposalStatus.Closed),
        (ProposalAction.RecordOutcome, ProposalStatus.Closed) => ProposalTransition.Refuse(from, "The proposal already has an outcome."),
        (ProposalAction.RecordOutcome, _) => ProposalTransition.Refuse(from, $"An outcome can be recorded only for a sent proposal; this one is {Describe(from)}."),

        _ => ProposalTransition.Refuse(from, "Unknown action."),
    };

    /// <summary>Which buttons a screen offers for a status (the service checks again).</summary>
    public static IReadOnlyList<ProposalAction> Allowed(ProposalStatus from) =>
        Enum.GetValues<ProposalAction>().Where(a => Apply(from, a).Allowed).ToList();

    /// <summary>
    /// Where the lead goes when a proposal closes. Won makes it a client (Approved) unless it is already
    /// further along (Building, Shipped); lost and no-response leave the stage to the operator, who may
    /// still re-draft.
    /// </summary>
    public static LeadStatus? LeadStatusAfterOutcome(LeadStatus current, ProposalOutcome outcome) =>
        outcome == ProposalOutcome.Won && current is LeadStatus.New or LeadStatus.Qualified or LeadStatus.Proposal or LeadStatus.Lost
            ? LeadStatus.Approved
            : null;

    /// <summary>A sent proposal puts a lead that was still being qualified into the Proposal stage.</summary>
    public static LeadStatus? LeadStatusAfterSent(LeadStatus current) =>
        current is LeadStatus.New or LeadStatus.Qualified ? LeadStatus.Proposal : null;

    public static string Describe(ProposalStatus status) => status switch
    {
        ProposalStatus.Draft => "a draft",
        ProposalStatus.SendRequested => "waiting for a send decision",
        ProposalStatus.SendApproved => "approved for sending",
        ProposalStatus.SendRejected => "rejected for sending",
        ProposalStatus.Sent => "sent",
        ProposalStatus.Closed => "closed",
        _ => status.ToString(),
    };
}

/// <summary>Field rules for drafts and outcomes, shared by the API and the proposal console.</summary>
public static class ProposalRules
{
    public const int TitleMax = 200;
    public const int BodyMax = 50_000;
    public const int ReasonMax = 2000;
    public const decimal MaxValue = 1_000_000_000m;

    public static ValidationErrors ValidateDraft(string? title, string? body, decimal? amount, string? origin)
    {
        var errors = new ValidationErrors()
            .Required("title", title, TitleMax)
            .Required("body", body, BodyMax)
            .Range("amount", amount, 0, MaxValue);
        if (origin is not null && !ProposalOrigins.All.Contains(origin))
        {
            errors.Add("origin", $"'origin' must be one of: {string.Join(", ", ProposalOrigins.All)}.");
        }

        return errors;
    }

    /// <summary>Won needs the value it was won for; lost and no-response need the reason (that is the learning).</summary>
    public static ValidationErrors ValidateOutcome(ProposalOutcome? outcome, decimal? value, string? reason)
    {
        var errors = new ValidationErrors();
        if (outcome is null)
        {
            return errors.Add("outcome", "'outcome' is required: won, lost or no_response.");
        }

        errors.Defined("outcome", outcome);
        if (outcome == ProposalOutcome.Won && (value is null || value <= 0))
        {
            errors.Add("value", "A won proposal needs the value it was won for (greater than 0).");
        }

        if (outcome is ProposalOutcome.Lost or ProposalOutcome.NoResponse && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", "Say why it was lost or went unanswered; it feeds the learning loop.");
        }

        return errors.Range("value", value, 0, MaxValue).MaxLength("reason", reason, ReasonMax);
    }
}

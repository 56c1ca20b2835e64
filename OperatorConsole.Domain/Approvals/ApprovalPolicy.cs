using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Approvals;

/// <summary>Who may decide an approval request, and what a decision needs. Pure, so every rule is unit-tested.</summary>
public static class ApprovalPolicy
{
    public const int ReasonMax = 2000;

    /// <summary>
    /// Null when <paramref name="actor"/> may decide; otherwise the refusal and whether it is a permission
    /// problem (403) rather than a state problem (409).
    /// </summary>
    public static (string Message, bool Forbidden)? Refusal(ApprovalRequest request, Actor actor, bool requireSecondOperator)
    {
        if (!actor.CanDecide)
        {
            return ("Only a signed-in operator can decide an approval request.", true);
        }

        if (request.State != ApprovalState.Pending)
        {
            return ($"This request was already {request.State.ToString().ToLowerInvariant()} by {request.DecidedByName}.", false);
        }

        if (requireSecondOperator && IsRequester(request, actor))
        {
            return ("A second operator must decide what you requested (setting \"a second operator must approve what I requested\").", true);
        }

        return null;
    }

    public static bool IsRequester(ApprovalRequest request, Actor actor) =>
        request.RequestedByKind == actor.Kind && string.Equals(request.RequestedById, actor.Id, StringComparison.Ordinal);

    /// <summary>A decision is explicit (approve true or false) and always explains itself.</summary>
    public static ValidationErrors ValidateDecision(bool? approve, string? reason)
    {
        var errors = new ValidationErrors();
        if (approve is null)
        {
            errors.Add("approve", "'approve' is required: true to approve, false to reject.");
        }

        return HumanGate.CheckReason(errors, reason);
    }

    /// <summary>Where the record an approval is about lives in the UI.</summary>
    public static string? LinkFor(string subjectType, string subjectId, int? leadId) => subjectType switch
    {
        "proposal" when leadId is not null => $"/leads/{leadId}#proposal-{subjectId}",
        "lead" => $"/leads/{subjectId}",
        "agent_job" => $"/agent-jobs?job={subjectId}",
        "build_task" => $"/build-ops?task={subjectId}",
        "learning_proposal" => $"/learning?id={subjectId}",
        "playbook_entry" => $"/playbook?id={subjectId}",
        _ when leadId is not null => $"/leads/{leadId}",
        _ => null,
    };

    public static string Label(ApprovalSubject subject) => subject switch
    {
        ApprovalSubject.ProposalSend => "Proposal send",
        ApprovalSubject.BuildStart => "Build start",
        ApprovalSubject.HighRiskChange => "High-risk change",
        ApprovalSubject.Deploy => "Deploy",
        ApprovalSubject.PlaybookPromotion => "Playbook promotion",
        _ => subject.ToString(),
    };
}

using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Approvals;

/// <summary>
/// The one rule every human gate applies before anything else (proposal send, build start and approval, high-risk
/// change, deploy, playbook promotion, agent-job approve/refuse/override): only a signed-in operator passes, and
/// the decision says why, approve and refuse alike. Pure, so the rule is unit-tested once and every gate calls it.
/// </summary>
public static class HumanGate
{
    public const int ReasonMax = 2000;

    /// <summary>
    /// Null when <paramref name="actor"/> may take the decision with <paramref name="reason"/>; otherwise the refusal:
    /// 403 for anyone but a signed-in operator (an API key never passes), 422 on <paramref name="reasonField"/> for a
    /// missing or blank reason. The permission check comes first, so a caller who may not decide learns nothing more.
    /// </summary>
    public static OperationResult<T>? Refusal<T>(Actor actor, string? reason, string what, string reasonField = "reason")
    {
        if (Forbidden<T>(actor, what) is { } forbidden)
        {
            return forbidden;
        }

        var errors = CheckReason(new ValidationErrors(), reason, reasonField);
        return errors.IsEmpty ? null : errors.ToResult<T>();
    }

    /// <summary>The permission half alone (for gates that look the record up before checking the fields).</summary>
    public static OperationResult<T>? Forbidden<T>(Actor actor, string what) =>
        OperatorOnly<T>(actor, $"{what} is a human decision: only a signed-in operator can take it; an API key never can.");

    /// <summary>
    /// The check every operator-only command starts with (edit a package, revoke a key, change thresholds …): null for
    /// a signed-in operator; otherwise 403 with <paramref name="refusal"/>, the command's own sentence.
    /// <code>if (HumanGate.OperatorOnly&lt;View&gt;(actor, "Only a signed-in operator can …") is { } refused) { return refused; }</code>
    /// </summary>
    public static OperationResult<T>? OperatorOnly<T>(Actor actor, string refusal) =>
        actor.CanDecide ? null : OperationResult<T>.Forbidden(refusal);

    /// <summary>Adds the reason errors to <paramref name="errors"/>: required, not blank, at most <see cref="ReasonMax"/>.</summary>
    public static ValidationErrors CheckReason(ValidationErrors errors, string? reason, string reasonField = "reason")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return errors.Add(reasonField, $"'{reasonField}' is required: say why (it goes to the audit log with your name).");
        }

        return errors.MaxLength(reasonField, reason, ReasonMax);
    }
}

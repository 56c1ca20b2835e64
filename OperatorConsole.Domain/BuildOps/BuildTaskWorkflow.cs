using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.BuildOps;

public enum TransitionOutcome
{
    Allowed,
    Forbidden,
    Invalid,
}

/// <summary>The verdict on a requested move; <see cref="Field"/> names the request field at fault when invalid.</summary>
public sealed record TransitionCheck(TransitionOutcome Outcome, string? Field = null, string? Message = null)
{
    public static readonly TransitionCheck Allowed = new(TransitionOutcome.Allowed);

    public OperationResult<T> ToResult<T>() => Outcome switch
    {
        TransitionOutcome.Forbidden => OperationResult<T>.Forbidden(Message ?? "Not allowed."),
        _ => OperationResult<T>.Invalid(Field ?? "to", Message ?? "Not allowed."),
    };
}

/// <summary>What the policy needs to know about a requested move.</summary>
/// <param name="ActorCanDecide">A signed-in operator (the only one who may pass a human gate).</param>
/// <param name="ApprovedRiskLevel">The risk level the task's recorded approval was given at, if any.</param>
/// <param name="UnapprovedHighRiskJobs">Agent jobs of this task that need review and have no human approval yet.</param>
public sealed record TransitionRequest(
    BuildTaskStatus From,
    BuildTaskStatus To,
    RiskLevel Risk,
    bool ActorCanDecide,
    string? Reason,
    RiskLevel? ApprovedRiskLevel = null,
    int UnapprovedHighRiskJobs = 0);

/// <summary>
/// The Build Ops status machine (pure). queued → in_progress → review → approved → done, with rejected reachable from
/// every open status, changes requested (review → in_progress), re-opening (approved → review, rejected → queued) and
/// pausing (in_progress → queued). Everything else is 422.
/// <para>Human gates (axiom 2/3): only a signed-in operator may make a move, except handing work in for review
/// (in_progress → review), which the coding agent may do with its key. Every human move needs a reason.
/// done for a high-risk task needs an approval recorded at high risk and every high-risk agent job of the task approved.</para>
/// </summary>
public static class BuildTaskWorkflow
{
    public const int ReasonMax = 1000;

    private static readonly Dictionary<BuildTaskStatus, BuildTaskStatus[]> Moves = new()
    {
        [BuildTaskStatus.Queued] = [BuildTaskStatus.InProgress, BuildTaskStatus.Rejected],
        [BuildTaskStatus.InProgress] = [BuildTaskStatus.Review, BuildTaskStatus.Queued, BuildTaskStatus.Rejected],
        [BuildTaskStatus.Review] = [BuildTaskStatus.Approved, BuildTaskStatus.InProgress, BuildTaskStatus.Rejected],
        [BuildTaskStatus.Approved] = [BuildTaskStatus.Done, BuildTaskStatus.Review, BuildTaskStatus.Rejected],
        [BuildTaskStatus.Done] = [],
        [BuildTaskStatus.Rejected] = [BuildTaskStatus.Queued],
    };

    public static IReadOnlyList<BuildTaskStatus> NextFrom(BuildTaskStatus from) => Moves.TryGetValue(from, out var to) ? to : [];

    public static bool IsAllowedMove(BuildTaskStatus from, BuildTaskStatus to) => NextFrom(from).Contains(to);

    /// <summary>The one move a machine may make: handing work in for review.</summary>
    public static bool MachineMayMoveTo(BuildTaskStatus to) => to == BuildTaskStatus.Review;

    /// <summary>Moves that are human decisions carry a reason so the audit log explains itself.</summary>
    public static bool RequiresReason(BuildTaskStatus from, BuildTaskStatus to) => !MachineMayMoveTo(to);

    public static TransitionCheck Check(TransitionRequest request)
    {
        if (!Enum.IsDefined(request.To))
        {
            return new TransitionCheck(TransitionOutcome.Invalid, "to", "'to' has an unknown value.");
        }

        if (!request.ActorCanDecide && !MachineMayMoveTo(request.To))
        {
            return new TransitionCheck(TransitionOutcome.Forbidden, Message:
                $"Moving a build task to {Spell(request.To)} is a human decision: only a signed-in operator can do it.");
        }

        if (request.From == request.To)
        {
            return new TransitionCheck(TransitionOutcome.Invalid, "to", $"The task is already {Spell(request.To)}.");
        }

        if (!IsAllowedMove(request.From, request.To))
        {
            var allowed = NextFrom(request.From);
            var options = allowed.Count == 0 ? "none: it is final" : string.Join(", ", allowed.Select(Spell));
            return new TransitionCheck(TransitionOutcome.Invalid, "to",
                $"A task cannot move from {Spell(request.From)} to {Spell(request.To)}. Allowed from {Spell(request.From)}: {options}.");
        }

        if (RequiresReason(request.From, request.To) && string.IsNullOrWhiteSpace(request.Reason))
        {
            return new TransitionCheck(TransitionOutcome.Invalid, "reason", $"Moving to {Spell(request.To)} is a gated decision: give a reason.");
        }

        if (request.Reason is { Length: > ReasonMax })
        {
            return new TransitionCheck(TransitionOutcome.Invalid, "reason", $"'reason' must be at most {ReasonMax} characters.");
        }

        if (request.To == BuildTaskStatus.Done && request.Risk == RiskLevel.High)
        {
            if (request.ApprovedRiskLevel != RiskLevel.High)
            {
                return new TransitionCheck(TransitionOutcome.Invalid, "to",
                    "This task is high risk and has no operator approval recorded at high risk: move it back to review and approve it first.");
            }

            if (request.UnapprovedHighRiskJobs > 0)
            {
                return new TransitionCheck(TransitionOutcome.Invalid, "to",
                    $"{request.UnapprovedHighRiskJobs} high-risk agent job(s) of this task are not approved yet: approve them on Agent jobs first.");
            }
        }

        return TransitionCheck.Allowed;
    }

    public static string Spell(BuildTaskStatus status) => status switch
    {
        BuildTaskStatus.InProgress => "in_progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Label(BuildTaskStatus status) => status switch
    {
        BuildTaskStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}

/// <summary>Field rules for build tasks, shared by the API and the forms.</summary>
public static class BuildTaskRules
{
    public const int TitleMax = 200;
    public const int TextMax = 8000;

    public static ValidationErrors ValidateFields(string? title, string? description, string? prSummary, BusinessImpact? impact, RiskLevel? risk) =>
        new ValidationErrors()
            .Required("title", title, TitleMax)
            .MaxLength("description", description, TextMax)
            .MaxLength("prSummary", prSummary, TextMax)
            .Defined("impact", impact)
            .Defined("riskLevel", risk);

    /// <summary>The riskier of two levels (a linked high-risk agent job raises its task, never lowers it).</summary>
    public static RiskLevel Max(RiskLevel a, RiskLevel b) => a >= b ? a : b;
}

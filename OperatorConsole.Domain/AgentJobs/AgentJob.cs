using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Domain.AgentJobs;

public enum AgentJobResult
{
    Success,
    Failure,
    Partial,
}

/// <summary>Where a job stands for the operator (the ledger's filter and its approval column).</summary>
public enum AgentJobStatus
{
    /// <summary>Above low risk and not decided yet: it needs an operator's approval (or refusal) before deploying.</summary>
    NeedsReview,

    /// <summary>Low risk, not deployed: nothing to decide.</summary>
    Ready,
    Approved,
    Refused,
    Deployed,
}

public static class AgentJobStatuses
{
    public static AgentJobStatus Of(RiskLevel level, bool approved, bool refused, bool deployed) =>
        deployed ? AgentJobStatus.Deployed
        : refused ? AgentJobStatus.Refused
        : approved ? AgentJobStatus.Approved
        : level > RiskLevel.Low ? AgentJobStatus.NeedsReview
        : AgentJobStatus.Ready;
}

/// <summary>
/// One coding-agent run (sprint 4.1), recorded by the agent. Its risk is classified from the files it touched when it
/// is recorded and kept as recorded (later rule edits do not rewrite history). Approval and deployment are set only by a
/// signed-in operator (axiom 2).
/// </summary>
public class AgentJob
{
    public int Id { get; set; }
    public int? BuildTaskId { get; set; }
    public required string TaskRequested { get; set; }
    public List<string> FilesTouched { get; set; } = [];
    public string? Branch { get; set; }
    public AgentJobResult Result { get; set; }
    public int? TestsPassed { get; set; }
    public int? TestsFailed { get; set; }

    public RiskClass RiskClass { get; set; }
    public RiskLevel RiskLevel { get; set; }

    /// <summary>The pattern of the rule that decided, null when the default applied.</summary>
    public string? MatchedRule { get; set; }

    /// <summary>The file that decided (null when no files were touched).</summary>
    public string? MatchedFile { get; set; }
    public bool RequiresReview { get; set; }

    /// <summary>The pending "high-risk change" request created for this job, if it needed one.</summary>
    public int? ApprovalRequestId { get; set; }

    public bool HumanApproved { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }
    public string? ApprovedByName { get; set; }
    public string? ApprovalNote { get; set; }

    public DateTime? DeployedAt { get; set; }
    public string? DeployedByName { get; set; }
    public string? DeployNote { get; set; }

    /// <summary>An operator refused the change: final (the agent records a new job for a new attempt).</summary>
    public DateTime? RefusedAt { get; set; }
    public string? RefusedById { get; set; }
    public string? RefusedByName { get; set; }
    public string? RefusalReason { get; set; }

    /// <summary>
    /// The operator's explicit override of the failed-checks guard (result failure/partial or failing tests), with its
    /// own reason; without it such a job is neither approved nor deployed.
    /// </summary>
    public DateTime? OverrideAt { get; set; }
    public string? OverrideByName { get; set; }
    public string? OverrideReason { get; set; }

    /// <summary>What the rules said, kept when an operator overrides the class/level of this one job.</summary>
    public RiskClass? ClassifiedRiskClass { get; set; }
    public RiskLevel? ClassifiedRiskLevel { get; set; }
    public DateTime? RiskOverriddenAt { get; set; }
    public string? RiskOverriddenByName { get; set; }
    public string? RiskOverrideReason { get; set; }

    /// <summary>Diff summary sent by the agent (sum over files), when it sent one; a large change raises the level.</summary>
    public int? LinesAdded { get; set; }
    public int? LinesRemoved { get; set; }

    public DateTime CreatedAt { get; set; }
    public ActorKind RecordedByKind { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>Field rules for recording a job, shared by the API and the seed.</summary>
public static class AgentJobRules
{
    public const int TaskMax = 2000;
    public const int BranchMax = 200;
    public const int PathMax = 500;
    public const int MaxFiles = 5000;
    public const int NoteMax = 1000;

    public static ValidationErrors ValidateRecord(
        string? taskRequested, IReadOnlyList<string?>? filesTouched, string? branch, AgentJobResult? result, int? testsPassed, int? testsFailed)
    {
        var errors = new ValidationErrors()
            .Required("taskRequested", taskRequested, TaskMax)
            .MaxLength("branch", branch, BranchMax)
            .Defined("result", result);
        if (result is null)
        {
            errors.Add("result", "'result' is required: success, failure or partial.");
        }

        if (testsPassed is < 0)
        {
            errors.Add("testsPassed", "'testsPassed' cannot be negative.");
        }

        if (testsFailed is < 0)
        {
            errors.Add("testsFailed", "'testsFailed' cannot be negative.");
        }

        if (filesTouched is { } files)
        {
            if (files.Count > MaxFiles)
            {
                errors.Add("filesTouched", $"At most {MaxFiles} files per job.");
            }

            for (var i = 0; i < files.Count && i < MaxFiles; i++)
            {
                if (string.IsNullOrWhiteSpace(GlobPattern.NormalizePath(files[i])))
                {
                    errors.Add($"filesTouched[{i}]", "A file path cannot be empty.");
                }
                else if (files[i]!.Length > PathMax)
                {
                    errors.Add($"filesTouched[{i}]", $"A file path must be at most {PathMax} characters.");
                }
            }
        }

        return errors;
    }

    /// <summary>The agent's own checks did not pass: a failed or partial run, or any failing test.</summary>
    public static bool FailedChecks(AgentJobResult result, int? testsFailed) => result != AgentJobResult.Success || testsFailed is > 0;

    /// <summary>Why failed checks block a decision, or null when they do not (checks passed, or the operator overrides).</summary>
    public static string? FailedChecksBlocker(AgentJobResult result, int? testsFailed, bool overridden, string decision) =>
        FailedChecks(result, testsFailed) && !overridden
            ? $"This job's checks did not pass (result {result.ToString().ToLowerInvariant()}, {testsFailed ?? 0} failing test(s)): it cannot be {decision} " +
              "unless you override with its own reason (overrideReason)."
            : null;

    /// <summary>
    /// Deployment rule: every level above low is deployed only after a human approved it; a refused job is never
    /// deployed; failed checks need the explicit override. Returns the error message, or null when deploying is allowed.
    /// </summary>
    public static string? DeployBlocker(RiskLevel level, bool humanApproved, bool refused) =>
        refused ? "This job was refused; it cannot be deployed (the agent records a new job for a new attempt)."
        : level > RiskLevel.Low && !humanApproved
            ? $"This job is {level.ToString().ToLowerInvariant()} risk: an operator must approve it (humanApproved: true) before it is marked deployed."
            : null;

    /// <summary>
    /// A deployment happened now or in the past, after the job existed and after its approval: never in the future
    /// (a future time would read "just now" and hide that nothing was deployed yet).
    /// </summary>
    public static string? DeployedAtProblem(DateTime deployedAtUtc, DateTime nowUtc, DateTime createdAtUtc, DateTime? approvedAtUtc)
    {
        if (deployedAtUtc > nowUtc)
        {
            return $"'deployedAt' is in the future ({deployedAtUtc:u}); send the time it was deployed (now or earlier).";
        }

        if (deployedAtUtc < createdAtUtc)
        {
            return $"'deployedAt' ({deployedAtUtc:u}) is before the job was recorded ({createdAtUtc:u}).";
        }

        return approvedAtUtc is { } approved && deployedAtUtc < approved
            ? $"'deployedAt' ({deployedAtUtc:u}) is before the job was approved ({approved:u})."
            : null;
    }
}

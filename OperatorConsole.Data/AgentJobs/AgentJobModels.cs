using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Data.AgentJobs;

/// <summary>POST /api/agent-jobs body (API.md "Agent job"), exactly as the agent sends it.</summary>
public sealed record RecordAgentJobRequest(
    int? BuildTaskId,
    string? TaskRequested,
    List<string?>? FilesTouched,
    string? Branch,
    AgentJobResult? Result,
    int? TestsPassed,
    int? TestsFailed,
    List<FileDiffStat?>? Diff = null);

/// <summary>
/// One file of the optional diff summary in the job body (<c>diff: [{path, linesAdded, linesRemoved}]</c>). The totals
/// let a large change raise the risk level; the lines themselves never reach the console.
/// </summary>
public sealed record FileDiffStat(string? Path, int? LinesAdded, int? LinesRemoved);

/// <summary>
/// POST /api/agent-jobs/{id}/risk body: an operator corrects the class and level of this one job, with a reason
/// (audited; the rules' verdict is kept beside it, and later rule changes leave the job alone).
/// </summary>
public sealed record OverrideAgentJobRiskRequest(RiskClass? RiskClass, RiskLevel? RiskLevel, string? Reason);

/// <summary>
/// PATCH /api/agent-jobs/{id} body: <c>{humanApproved?, deployedAt?}</c> from the contract plus the decision's
/// <c>reason</c>, required (non-blank) for approve, refuse and deploy alike. <c>overrideReason</c> is the operator's
/// explicit choice to approve or deploy a job whose checks failed (result failure/partial or failing tests), with its
/// own reason. Absent (or null) fields do not change.
/// </summary>
public sealed record DecideAgentJobRequest(bool? HumanApproved = null, DateTime? DeployedAt = null, string? Reason = null, string? OverrideReason = null);

/// <summary>The job as the API returns it: the request fields plus the classification and the human decisions.</summary>
public sealed record AgentJobView(
    int Id,
    DateTime CreatedAt,
    int? BuildTaskId,
    string? BuildTaskTitle,
    string TaskRequested,
    IReadOnlyList<string> FilesTouched,
    string? Branch,
    AgentJobResult Result,
    int? TestsPassed,
    int? TestsFailed,
    RiskClass RiskClass,
    RiskLevel RiskLevel,
    string? MatchedRule,
    string? MatchedFile,
    bool RequiresReview,
    bool HumanApproved,
    DateTime? ApprovedAt,
    string? ApprovedBy,
    string? ApprovalNote,
    DateTime? DeployedAt,
    string? DeployedBy,
    string? DeployNote,
    string RecordedBy,
    int? ApprovalRequestId)
{
    public DateTime? RefusedAt { get; init; }
    public string? RefusedBy { get; init; }
    public string? RefusalReason { get; init; }

    /// <summary>The failed-checks override: who chose to approve or deploy despite failing checks, and why.</summary>
    public DateTime? OverrideAt { get; init; }
    public string? OverrideBy { get; init; }
    public string? OverrideReason { get; init; }

    /// <summary>What the rules said when an operator overrode this job's risk (null otherwise).</summary>
    public RiskClass? ClassifiedRiskClass { get; init; }
    public RiskLevel? ClassifiedRiskLevel { get; init; }
    public DateTime? RiskOverriddenAt { get; init; }
    public string? RiskOverriddenBy { get; init; }
    public string? RiskOverrideReason { get; init; }
    public int? LinesAdded { get; init; }
    public int? LinesRemoved { get; init; }

    /// <summary>Where the job stands: needs_review, ready (low risk, nothing to decide), approved, refused, deployed.</summary>
    public AgentJobStatus Status => AgentJobStatuses.Of(RiskLevel, HumanApproved, RefusedAt is not null, DeployedAt is not null);

    /// <summary>The agent's own checks failed: approving or deploying needs the explicit override.</summary>
    public bool FailedChecks => AgentJobRules.FailedChecks(Result, TestsFailed);

    /// <summary>"appsettings*.json matched src/Web/appsettings.json", or the default explained.</summary>
    public string RiskExplanation
    {
        get
        {
            var why = ExplainRisk(MatchedRule, MatchedFile);
            if (LinesAdded is not null || LinesRemoved is not null)
            {
                why += $"; {(LinesAdded ?? 0) + (LinesRemoved ?? 0):N0} lines changed";
            }

            return RiskOverriddenAt is null
                ? why
                : $"overridden by {RiskOverriddenBy}: {RiskOverrideReason} (rules said {RiskClasses.Spell(ClassifiedRiskClass ?? RiskClass)}/" +
                  $"{(ClassifiedRiskLevel ?? RiskLevel).ToString().ToLowerInvariant()}: {why})";
        }
    }

    /// <summary>Why a job got its risk: the rule and the file it matched, or why the default applied.</summary>
    public static string ExplainRisk(string? matchedRule, string? matchedFile) => (matchedRule, matchedFile) switch
    {
        ({ } rule, { } file) => $"{rule} matched {file}",
        (null, null) => "default: no files touched",
        (null, { } file) => $"default: no rule matches {file}",
        _ => "",
    };
}

public sealed record AgentJobListQuery(
    AgentJobResult? Result = null,
    RiskLevel? RiskLevel = null,
    bool? Approved = null,
    int? BuildTaskId = null,
    int? Page = null,
    int? PageSize = null,
    AgentJobStatus? Status = null);

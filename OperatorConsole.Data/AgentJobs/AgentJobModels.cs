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
    int? TestsFailed);

/// <summary>
/// PATCH /api/agent-jobs/{id} body: <c>{humanApproved?, deployedAt?}</c> from the contract, plus an optional reason that
/// goes to the audit log. Absent (or null) fields do not change.
/// </summary>
public sealed record DecideAgentJobRequest(bool? HumanApproved = null, DateTime? DeployedAt = null, string? Reason = null);

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
    /// <summary>"appsettings*.json matched src/Web/appsettings.json", or the default explained.</summary>
    public string RiskExplanation => ExplainRisk(MatchedRule, MatchedFile);

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
    int? PageSize = null);

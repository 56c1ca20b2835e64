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

    /// <summary>
    /// Deployment rule (API.md): a job that requires review is deployed only after a human approved it.
    /// Returns the error message, or null when deploying is allowed.
    /// </summary>
    public static string? DeployBlocker(bool requiresReview, bool humanApproved) =>
        requiresReview && !humanApproved
            ? "This job is high risk: an operator must approve it (humanApproved: true) before it is marked deployed."
            : null;
}

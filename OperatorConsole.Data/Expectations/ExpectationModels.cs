using OperatorConsole.Domain.Expectations;

namespace OperatorConsole.Data.Expectations;

/// <summary>One snapshot with what changed since the previous one.</summary>
public sealed record ExpectationSnapshotView(
    int Id,
    int LeadId,
    int? ProposalId,
    int Number,
    string? RequestedOutcome,
    string? RealisticOutcomeRange,
    IReadOnlyList<string> RiskFlags,
    string? RiskNotes,
    AskCalibration? AskCalibration,
    string? ActualNeed,
    string? ResetScript,
    DateTime CreatedAt,
    string CreatedByName,
    IReadOnlyList<ExpectationChange> Changes)
{
    /// <summary>The seed's name for "their ask is below what they need" (null until the ask is assessed).</summary>
    public bool? UnderAskingFlag => AskCalibration is null ? null : AskCalibration == Domain.Expectations.AskCalibration.UnderAsking;

    /// <summary>The seed's name for "their ask is beyond what is realistic" (null until the ask is assessed).</summary>
    public bool? OverAskingFlag => AskCalibration is null ? null : AskCalibration == Domain.Expectations.AskCalibration.OverAsking;
}

/// <summary>POST /api/leads/{id}/expectations body: the whole picture as it is now (a new snapshot).</summary>
public sealed record AddExpectationSnapshotRequest(
    string? RequestedOutcome = null,
    string? RealisticOutcomeRange = null,
    IReadOnlyList<string>? RiskFlags = null,
    string? RiskNotes = null,
    AskCalibration? AskCalibration = null,
    string? ActualNeed = null,
    string? ResetScript = null,
    int? ProposalId = null,
    bool? UnderAskingFlag = null,
    bool? OverAskingFlag = null);

/// <summary>PUT /api/expectations/risk-flags body.</summary>
public sealed record RiskFlagsRequest(IReadOnlyList<string>? Flags);

using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Failures;

/// <summary>
/// A feature's contribution to Failures &amp; Interventions. Register implementations as singletons
/// (<c>services.AddSingleton&lt;IInterventionSource, MySource&gt;()</c>); the failures report asks all of them.
/// Implementations must be set-based queries (no loading every lead), using <paramref name="now"/> as "now".
/// </summary>
public interface IInterventionSource
{
    /// <summary>Entity type names whose changes can change this source's answer (for live refresh).</summary>
    IReadOnlyCollection<string> Topics { get; }

    Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct);
}

/// <summary>Suggestions below <see cref="Thresholds.LowConfidenceFloor"/> (the "low-confidence" bucket).</summary>
public interface ILowConfidenceSource
{
    IReadOnlyCollection<string> Topics { get; }

    Task<IReadOnlyList<LowConfidenceItem>> GetAsync(DateTime now, double floor, CancellationToken ct);
}

/// <summary>
/// Failures known only in memory (e.g. the database refusing writes, which cannot be recorded in the
/// database it is refusing). Shown as broken integrations.
/// </summary>
public interface IRuntimeHealthSignals
{
    IReadOnlyList<RuntimeHealthProblem> Current(DateTime now);
}

public sealed record RuntimeHealthProblem(string Name, DateTime? LastOkAt, DateTime At, string Message);

/// <summary>One failure source of <see cref="FailuresService.Sources"/>: its position, name and the topics it reads.</summary>
public sealed record FailureSourceInfo(int Index, string Name, IReadOnlyCollection<string> Topics);

/// <summary>What one source said, or why it could not say (its failure becomes a broken integration in the report).</summary>
public sealed record FailureSourceAnswer(
    IReadOnlyList<LowConfidenceFailure> LowConfidence, IReadOnlyList<InterventionItem> Interventions, BrokenIntegrationItem? Failure);

/// <summary>
/// Parts of the report a caller keeps up to date itself, each as a child answer reused until its own topics change
/// (see <see cref="FailuresService.GetReportAsync(OperatorConsole.Domain.Clock.ReferenceTime, FailureParts, CancellationToken)"/>);
/// a part left null is read with the report.
/// </summary>
public sealed record FailureParts
{
    /// <summary>One answer per <see cref="FailuresService.Sources"/>, in order.</summary>
    public IReadOnlyList<FailureSourceAnswer>? Sources { get; init; }

    /// <summary>Every open lead's last run (<see cref="FailuresService.LastRunsAsync(CancellationToken)"/>).</summary>
    public IReadOnlyList<LastRunStatusItem>? LastRuns { get; init; }

    /// <summary>Failed and partial runs since a window start at or before the report's (<see cref="FailuresService.FailedRunsAsync(CancellationToken)"/>).</summary>
    public IReadOnlyList<FailedRunItem>? FailedRuns { get; init; }

    /// <summary>
    /// Stale and stuck proposals at a reference time; used when it is the report's or, on the wall clock, less than
    /// <see cref="FailuresService.KeptClockSlack"/> before it (ADR 207).
    /// </summary>
    public ProposalBuckets? Proposals { get; init; }

    /// <summary>Approval requests waiting for a decision.</summary>
    public IReadOnlyList<NeedsApprovalItem>? Approvals { get; init; }

    /// <summary>Integrations the health rules call broken or silent (the database's own ones, not runtime signals).</summary>
    public IReadOnlyList<BrokenIntegrationItem>? Integrations { get; init; }
}

/// <summary>The two proposal buckets, counted to the deal clock's reference time <paramref name="At"/>.</summary>
public sealed record ProposalBuckets(DateTime At, IReadOnlyList<StaleProposalItem> Stale, IReadOnlyList<StuckProposalItem> Stuck);

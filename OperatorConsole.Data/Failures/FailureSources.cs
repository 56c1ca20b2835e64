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

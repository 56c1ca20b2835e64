namespace OperatorConsole.Domain.Failures;

/// <summary>
/// Something a feature knows needs a person, that is not one of the fixed failure buckets: a shipped client
/// with no reusable-asset entry, a result off track or unmeasured, over-asking with no reset script…
/// Each feature contributes its own through an intervention source; Failures &amp; Interventions lists them all.
/// </summary>
/// <param name="Kind">Stable snake_case code, e.g. "missing_reusable_asset", "result_off_track".</param>
/// <param name="Title">What a person reads, e.g. "Helio SaaS shipped with no reusable asset logged".</param>
/// <param name="Link">Where to fix it, e.g. "/leads/42".</param>
/// <param name="RecordType">lead, proposal, agent_job…</param>
/// <param name="RecordId">Id of that record.</param>
/// <param name="Since">When it became a problem (for ordering worst-first and "for 9 d").</param>
/// <param name="Severity">1 (notice) to 3 (urgent).</param>
public sealed record Intervention(
    string Kind,
    string Title,
    string Link,
    string RecordType,
    string RecordId,
    DateTime Since,
    int Severity = 2,
    int? LeadId = null,
    string? Detail = null);

/// <summary>A suggestion the system made with a confidence (learning proposal, AI draft…).</summary>
public sealed record LowConfidenceItem(
    string Kind,
    string Title,
    double Confidence,
    string Link,
    string RecordType,
    string RecordId,
    DateTime CreatedAt,
    int? LeadId = null,
    string? Engine = null);

using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Artifacts;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Results;

/// <summary>
/// The Results Ledger's part of Failures &amp; Interventions: a client whose result is off track, one not
/// measured for <see cref="Thresholds.ResultUnmeasuredDays"/> days, and a client with no result target at all (unless
/// its stage came from an import: a past sale, ADR 221).
/// </summary>
public sealed class ResultsInterventionSource(ClientSuccessService clients) : IInterventionSource
{
    public const string OffTrack = "result_off_track";
    public const string Unmeasured = "result_unmeasured";
    public const string NoTarget = NoticeKinds.NoResultTarget;

    public IReadOnlyCollection<string> Topics { get; } =
        [nameof(ClientSuccess), nameof(OutcomeEntry), nameof(Lead), nameof(Artifact)];

    public async Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        var rows = await clients.ClientRowsAsync(now, thresholds.ResultUnmeasuredDays, null, null, ct);
        var result = new List<Intervention>();
        foreach (var row in rows)
        {
            var id = row.LeadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var link = $"/leads/{row.LeadId}";
            // An imported won sale is a CRM's history, not a project the agency delivers: no target is asked of it (ADR 221).
            if (row.Flags.Contains(ResultFlag.NoTarget) && !row.StatusImported)
            {
                result.Add(new Intervention(NoTarget, $"{Name(row)} has no result target", link, "lead", id, row.StatusChangedAt,
                    Severity: 2, LeadId: row.LeadId, Detail: "Set a metric, target value and due date in Client success."));
            }

            if (row.Flags.Contains(ResultFlag.OffTrack))
            {
                var since = row.LastMeasuredAt ?? row.DueDate ?? row.StatusChangedAt;
                result.Add(new Intervention(OffTrack, $"{Name(row)}: {row.MetricName} is off track", link, "lead", id, since,
                    Severity: 3, LeadId: row.LeadId, Detail: row.TrackNote));
            }

            if (row.Flags.Contains(ResultFlag.Unmeasured))
            {
                var days = row.DaysSinceMeasured is { } d ? $"{d} d" : "ever";
                var since = row.LastMeasuredAt ?? row.StatusChangedAt;
                result.Add(new Intervention(Unmeasured, $"{Name(row)}: {row.MetricName} not measured for {days}", link, "lead", id, since,
                    Severity: 2, LeadId: row.LeadId, Detail: $"Record an outcome with its source (threshold {thresholds.ResultUnmeasuredDays} d)."));
            }
        }

        return result;
    }

    /// <summary>
    /// The deal, and its company when the title does not name it: one account has many won deals, and a list of
    /// "Conecom has no result target" fifty times over does not say which deal to open.
    /// </summary>
    private static string Name(ClientRow row) =>
        row.Company is { } company && !row.Title.Contains(company, StringComparison.OrdinalIgnoreCase) ? $"{row.Title} ({company})" : row.Title;
}

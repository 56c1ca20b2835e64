using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

/// <summary>What a Results Ledger export row measures.</summary>
public enum LedgerMeasurement
{
    /// <summary>The client has nothing measured yet: the row carries its target and ledger only.</summary>
    None,

    /// <summary>The value before the work (from the client-success record).</summary>
    Baseline,

    /// <summary>A recorded outcome entry.</summary>
    Outcome,
}

/// <summary>
/// One row of the Results Ledger export: one measurement (the baseline, or an outcome) of one client, beside the
/// client's target and computed ledger (current, delta, track, flags) exactly as GET /api/clients reports them. A
/// client with nothing measured still gets one row, so every client of the filtered list is in the file.
/// <c>changeFromBaseline</c> is that measurement against the baseline, computed by the same rule as the delta.
/// </summary>
[CsvRecord]
public sealed partial record ResultsCsvRow(
    [property: CsvColumn("leadId")] int LeadId,
    [property: CsvColumn("client")] string Client,
    [property: CsvColumn("company")] string? Company,
    [property: CsvColumn("status")] LeadStatus Status,
    [property: CsvColumn("metric")] string? Metric,
    [property: CsvColumn("unit")] string? Unit,
    [property: CsvColumn("direction")] ResultDirection? Direction,
    [property: CsvColumn("targetValue")] decimal? TargetValue,
    [property: CsvColumn("dueDate")] DateTime? DueDate,
    [property: CsvColumn("baselineValue")] decimal? BaselineValue,
    [property: CsvColumn("currentValue")] decimal? CurrentValue,
    [property: CsvColumn("deltaAbsolute")] decimal? DeltaAbsolute,
    [property: CsvColumn("deltaPercent")] decimal? DeltaPercent,
    [property: CsvColumn("deltaMovement")] DeltaMovement? DeltaMovement,
    [property: CsvColumn("deltaNote")] string? DeltaNote,
    [property: CsvColumn("track")] ResultTrack Track,
    [property: CsvColumn("trackNote")] string TrackNote,
    [property: CsvColumn("flags")] string Flags,
    [property: CsvColumn("lastMeasuredAt")] DateTime? LastMeasuredAt,
    [property: CsvColumn("measurement")] LedgerMeasurement Measurement,
    [property: CsvColumn("outcomeId")] int? OutcomeId,
    [property: CsvColumn("value")] decimal? Value,
    [property: CsvColumn("measuredAt")] DateTime? MeasuredAt,
    [property: CsvColumn("source")] string? Source,
    [property: CsvColumn("note")] string? Note,
    [property: CsvColumn("recordedAt")] DateTime? RecordedAt,
    [property: CsvColumn("recordedBy")] string? RecordedBy,
    [property: CsvColumn("isCurrent")] bool IsCurrent,
    [property: CsvColumn("changeFromBaseline")] decimal? ChangeFromBaseline,
    [property: CsvColumn("changePercentFromBaseline")] decimal? ChangePercentFromBaseline)
{
    /// <summary>The separator of <see cref="Flags"/>.</summary>
    public const string FlagSeparator = ";";
}

/// <summary>
/// Streams the Results Ledger for the CSV export: the clients of the list's own filter and sort
/// (<see cref="ClientSuccessService.FilteredClientsAsync"/>), then their measurements read a batch of clients at a
/// time, so memory holds one small row per client and one batch of measurements, never every outcome.
/// </summary>
public sealed class ResultsExportService(IDbContextFactory<ConsoleDbContext> dbFactory, ClientSuccessService clients)
{
    /// <summary>Clients whose measurements are read per query: few queries, a bounded batch in memory.</summary>
    public const int ClientsPerBatch = 200;

    public async IAsyncEnumerable<ResultsCsvRow> LedgerAsync(ClientListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var rows = await clients.FilteredClientsAsync(query, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var batch in rows.Chunk(ClientsPerBatch))
        {
            var ids = batch.Select(c => c.LeadId).ToList();
            var baselines = await db.Set<ClientSuccess>().AsNoTracking()
                .Where(s => ids.Contains(s.LeadId) && s.BaselineValue != null && s.BaselineMeasuredAt != null)
                .Select(s => new { s.LeadId, Value = s.BaselineValue!.Value, MeasuredAt = s.BaselineMeasuredAt!.Value, s.BaselineSource })
                .ToDictionaryAsync(s => s.LeadId, ct);
            var outcomes = (await db.Set<OutcomeEntry>().AsNoTracking()
                    .Where(o => ids.Contains(o.LeadId))
                    .OrderBy(o => o.LeadId).ThenBy(o => o.MeasuredAt).ThenBy(o => o.Id)
                    .ToListAsync(ct))
                .ToLookup(o => o.LeadId);

            foreach (var client in batch)
            {
                var direction = client.Direction ?? ResultDirection.HigherIsBetter;
                var baseline = baselines.TryGetValue(client.LeadId, out var b) ? new Measurement(b.Value, b.MeasuredAt) : null;
                var entries = outcomes[client.LeadId].ToList();
                var current = ResultsLedger.Current(entries.Select(o => new Measurement(o.Value, o.MeasuredAt, o.Id)));
                if (baseline is null && entries.Count == 0)
                {
                    yield return Row(client, LedgerMeasurement.None, null, null, null, null, null, null, null, false, null);
                    continue;
                }

                if (baseline is not null)
                {
                    yield return Row(client, LedgerMeasurement.Baseline, null, baseline.Value, baseline.MeasuredAt, b!.BaselineSource, null, null, null, false, null);
                }

                // Oldest first: a client's rows read as its history, baseline → outcomes → current.
                foreach (var o in entries)
                {
                    var change = ResultsLedger.Delta(baseline, new Measurement(o.Value, o.MeasuredAt, o.Id), direction);
                    yield return Row(client, LedgerMeasurement.Outcome, o.Id, o.Value, o.MeasuredAt, o.Source, o.Note, o.RecordedAt, o.RecordedByName,
                        current?.Order == o.Id, change);
                }
            }
        }
    }

    private static ResultsCsvRow Row(
        ClientRow c, LedgerMeasurement kind, int? outcomeId, decimal? value, DateTime? measuredAt, string? source, string? note,
        DateTime? recordedAt, string? recordedBy, bool isCurrent, ResultDelta? change) => new(
        c.LeadId, c.Title, c.Company, c.Status, c.MetricName, c.Unit, c.Direction, c.TargetValue, c.DueDate,
        c.BaselineValue, c.CurrentValue, c.Delta.Absolute, c.Delta.Percent, c.Delta.Movement, string.IsNullOrEmpty(c.Delta.Note) ? null : c.Delta.Note,
        c.Track, c.TrackNote, string.Join(ResultsCsvRow.FlagSeparator, c.Flags), c.LastMeasuredAt,
        kind, outcomeId, value, measuredAt, source, note, recordedAt, recordedBy, isCurrent, change?.Absolute, change?.Percent);
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

/// <summary>
/// Client success per lead: the target, baseline, outcomes, interventions and learnings, and the Results
/// Ledger computed from them (current and delta are never stored). Edits are operator-only and audited;
/// outcomes may also come from machines holding the outcomes:write scope.
/// </summary>
public sealed class ClientSuccessService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, SettingsService settings)
{
    public static readonly IReadOnlyList<string> SortKeys =
    [
        "createdAt", "-createdAt", "title", "-title", "status", "-status", "deltaPercent", "-deltaPercent",
        "deltaAbsolute", "-deltaAbsolute", "lastMeasuredAt", "-lastMeasuredAt", "dueDate", "-dueDate", "flags", "-flags",
    ];

    public async Task<ClientSuccessView?> GetAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().Where(l => l.Id == leadId)
            .Select(l => new { l.Id, l.Title, l.Company, l.Status })
            .FirstOrDefaultAsync(ct);
        if (lead is null)
        {
            return null;
        }

        var success = await db.Set<ClientSuccess>().AsNoTracking().FirstOrDefaultAsync(s => s.LeadId == leadId, ct);
        var outcomes = await db.Set<OutcomeEntry>().AsNoTracking().Where(o => o.LeadId == leadId)
            .OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id)
            .Select(o => new OutcomeView(o.Id, o.LeadId, o.Value, o.MeasuredAt, o.Source, o.Note, o.RecordedAt, o.RecordedByName))
            .ToListAsync(ct);
        var interventions = await db.Set<ClientIntervention>().AsNoTracking().Where(i => i.LeadId == leadId)
            .OrderByDescending(i => i.DoneAt).ThenByDescending(i => i.Id)
            .Select(i => new InterventionView(i.Id, i.WhatWasDone, i.DoneAt, i.RecordedByName))
            .ToListAsync(ct);
        var proofs = await ProofArtifactService.ForLeadAsync(db, leadId, ct);
        var thresholds = await settings.GetThresholdsAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;

        var ledger = Ledger(success, outcomes.Select(o => new Measurement(o.Value, o.MeasuredAt, o.Id)), now, thresholds.ResultUnmeasuredDays);
        var current = ledger.Current is { } c ? outcomes.First(o => o.Id == c.Order) : null;
        return new ClientSuccessView(
            lead.Id,
            lead.Title,
            lead.Company,
            lead.Status,
            TargetOf(success),
            success is { BaselineValue: { } bv, BaselineMeasuredAt: { } bat } ? new BaselineView(bv, bat, success.BaselineSource) : null,
            current,
            ToView(ledger.Delta),
            ledger.Track,
            ledger.TrackNote,
            ledger.Progress,
            ledger.ExpectedProgress,
            ledger.LastMeasuredAt,
            ledger.DaysSinceMeasured,
            ledger.Flags,
            outcomes,
            interventions,
            success?.Risks,
            success?.ClientFeedback,
            success?.WhatWorked,
            success?.WhatFailed,
            proofs,
            success?.UpdatedAt,
            success?.UpdatedByName);
    }

    public async Task<OperationResult<ClientSuccessView>> UpdateAsync(int leadId, UpdateClientSuccessRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ClientSuccessView>(actor, "Only a signed-in operator can edit client success.") is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = ValidateEdit(request, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return OperationResult<ClientSuccessView>.NotFound($"Lead {leadId} does not exist.");
        }

        var existingInterventions = await db.Set<ClientIntervention>().Where(i => i.LeadId == leadId).ToListAsync(ct);
        CheckInterventionIds(errors, request.Interventions, existingInterventions, leadId);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ClientSuccessView>();
        }

        var success = await db.Set<ClientSuccess>().FirstOrDefaultAsync(s => s.LeadId == leadId, ct);
        var before = success is null ? null : Snapshot(success, existingInterventions);
        if (success is null)
        {
            success = new ClientSuccess { LeadId = leadId, CreatedAt = now, UpdatedByName = actor.DisplayName };
            db.Add(success);
        }

        ApplyTarget(success, request.Target, now);
        ApplyBaselineAndNotes(success, request, actor, now);
        var interventions = request.Interventions is { } inputs
            ? ReplaceInterventions(db, leadId, inputs, existingInterventions, actor, now)
            : existingInterventions;
        db.Audit(actor, now, before is null ? "client_success.created" : "client_success.updated", "lead", leadId,
            "Edited client success", before: before, after: Snapshot(success, interventions));
        await db.SaveChangesAsync(ct);
        return OperationResult<ClientSuccessView>.Ok((await GetAsync(leadId, ct))!);
    }

    /// <summary>What the request alone can be checked for: target, baseline, text lengths and each intervention.</summary>
    private static ValidationErrors ValidateEdit(UpdateClientSuccessRequest request, DateTime now)
    {
        var target = request.Target;
        var baseline = request.Baseline;
        var errors = ClientSuccessRules.ValidateEdit(
            target?.MetricName, target?.Unit, target?.TargetValue, target?.DueDate, target?.Direction,
            baseline?.Value, baseline?.MeasuredAt, baseline?.Source, now);
        errors.MaxLength("risks", request.Risks, ClientSuccessRules.TextMax)
            .MaxLength("clientFeedback", request.ClientFeedback, ClientSuccessRules.TextMax)
            .MaxLength("whatWorked", request.WhatWorked, ClientSuccessRules.TextMax)
            .MaxLength("whatFailed", request.WhatFailed, ClientSuccessRules.TextMax);
        if (request.Interventions is { Count: > ClientSuccessRules.MaxInterventions })
        {
            errors.Add("interventions", $"At most {ClientSuccessRules.MaxInterventions} interventions.");
        }

        for (var i = 0; i < (request.Interventions?.Count ?? 0); i++)
        {
            if (request.Interventions![i] is not { } input)
            {
                errors.Add($"interventions[{i}]", "An intervention cannot be null.");
                continue;
            }

            ClientSuccessRules.ValidateIntervention(errors, i, input.WhatWasDone, input.DoneAt, now);
        }

        return errors;
    }

    /// <summary>An intervention sent with an id must be one of this lead's.</summary>
    private static void CheckInterventionIds(ValidationErrors errors, IReadOnlyList<InterventionInput>? inputs, List<ClientIntervention> existing, int leadId)
    {
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            if (inputs![i] is { Id: { } id } && existing.All(e => e.Id != id))
            {
                errors.Add($"interventions[{i}].id", $"Intervention {id} does not belong to lead {leadId}.");
            }
        }
    }

    /// <summary>Sets the target, or clears it when none (or no metric) is sent.</summary>
    private static void ApplyTarget(ClientSuccess success, TargetInput? target, DateTime now)
    {
        if (target is null || string.IsNullOrWhiteSpace(target.MetricName))
        {
            success.MetricName = null;
            success.Unit = null;
            success.TargetValue = null;
            success.DueDate = null;
            success.TargetSetAt = null;
            return;
        }

        var hadTarget = success.HasTarget;
        var previousMetric = success.MetricName;
        success.MetricName = target.MetricName.Trim();
        success.Unit = TextInput.Clean(target.Unit);
        success.TargetValue = target.TargetValue;
        success.DueDate = target.DueDate?.ToUniversalTime();
        success.Direction = target.Direction ?? ResultDirection.HigherIsBetter;
        // The time clock starts when a target first exists (or becomes a different metric), not at every edit.
        if (!hadTarget || !string.Equals(previousMetric, success.MetricName, StringComparison.Ordinal))
        {
            success.TargetSetAt = now;
        }
    }

    private static void ApplyBaselineAndNotes(ClientSuccess success, UpdateClientSuccessRequest request, Actor actor, DateTime now)
    {
        var baseline = request.Baseline;
        success.BaselineValue = baseline?.Value;
        success.BaselineMeasuredAt = baseline?.Value is null ? null : baseline.MeasuredAt?.ToUniversalTime();
        success.BaselineSource = baseline?.Value is null ? null : TextInput.Clean(baseline.Source);
        success.Risks = TextInput.Clean(request.Risks);
        success.ClientFeedback = TextInput.Clean(request.ClientFeedback);
        success.WhatWorked = TextInput.Clean(request.WhatWorked);
        success.WhatFailed = TextInput.Clean(request.WhatFailed);
        success.UpdatedAt = now;
        success.UpdatedByName = actor.DisplayName;
    }

    /// <summary>The sent list becomes the lead's interventions: those with an id are edited, new ones added, the rest removed.</summary>
    private static List<ClientIntervention> ReplaceInterventions(
        ConsoleDbContext db, int leadId, IReadOnlyList<InterventionInput> inputs, List<ClientIntervention> existing, Actor actor, DateTime now)
    {
        var kept = new List<ClientIntervention>();
        foreach (var input in inputs)
        {
            var entity = input.Id is { } id ? existing.First(e => e.Id == id) : null;
            if (entity is null)
            {
                entity = new ClientIntervention { LeadId = leadId, WhatWasDone = "", RecordedAt = now, RecordedByName = actor.DisplayName };
                db.Add(entity);
            }

            entity.WhatWasDone = input.WhatWasDone!.Trim();
            entity.DoneAt = input.DoneAt!.Value.ToUniversalTime();
            kept.Add(entity);
        }

        db.RemoveRange(existing.Where(e => !kept.Contains(e)));
        return kept;
    }

    public async Task<OperationResult<OutcomeView>> RecordOutcomeAsync(int leadId, RecordOutcomeRequest request, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = ClientSuccessRules.ValidateOutcome(request.Value, request.MeasuredAt, request.Source, request.Note, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return OperationResult<OutcomeView>.NotFound($"Lead {leadId} does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<OutcomeView>();
        }

        var outcome = new OutcomeEntry
        {
            LeadId = leadId,
            Value = request.Value!.Value,
            MeasuredAt = request.MeasuredAt?.ToUniversalTime() ?? now,
            Source = request.Source!.Trim(),
            Note = TextInput.Clean(request.Note),
            RecordedAt = now,
            RecordedByKind = actor.Kind,
            RecordedById = actor.Id,
            RecordedByName = actor.DisplayName,
        };
        db.Add(outcome);
        // Same unit of work as the outcome: both are saved or neither.
        db.Audit(actor, now, "outcome.recorded", "lead", leadId, $"Recorded outcome {outcome.Value} (source: {outcome.Source})",
            after: new { outcome.Value, outcome.MeasuredAt, outcome.Source, outcome.Note });
        await db.SaveChangesAsync(ct);
        return OperationResult<OutcomeView>.Created(ToView(outcome));
    }

    /// <summary>Every active or shipped client with its ledger, filtered, sorted and paged.</summary>
    public async Task<PagedList<ClientRow>> ListClientsAsync(ClientListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        var list = await FilteredClientsAsync(query, ct);
        return new PagedList<ClientRow>(list.Skip(paging.Skip).Take(paging.PageSize).ToList(), list.Count, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// Every client the list's filters (status, flag, q, imported) keep, in the list's sort, unpaged: the list pages it and the
    /// Results Ledger export walks it, so a filtered export holds exactly the clients the filtered list shows.
    /// One small row per client; the flag filter needs the computed ledger, so it cannot run in the database.
    /// </summary>
    public async Task<IReadOnlyList<ClientRow>> FilteredClientsAsync(ClientListQuery query, CancellationToken ct = default)
    {
        var thresholds = await settings.GetThresholdsAsync(ct);
        var rows = await ClientRowsAsync(time.GetUtcNow().UtcDateTime, thresholds.ResultUnmeasuredDays, query.Status, query.Q, ct);
        IEnumerable<ClientRow> filtered = rows;
        if (query.Flag is { } flag)
        {
            filtered = filtered.Where(r => r.Flags.Contains(flag));
        }

        if (query.Imported is { } imported)
        {
            filtered = filtered.Where(r => r.StatusImported == imported);
        }

        return Sort(filtered, query.Sort).ToList();
    }

    /// <summary>
    /// The ledger's delta of each of these leads that is a client (a package page's few rows), computed for them alone:
    /// not every client's ledger for a handful of rows.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, decimal?>> DeltasAsync(IReadOnlyCollection<int> leadIds, CancellationToken ct = default)
    {
        if (leadIds.Count == 0)
        {
            return new Dictionary<int, decimal?>();
        }

        var thresholds = await settings.GetThresholdsAsync(ct);
        var rows = await ClientRowsAsync(time.GetUtcNow().UtcDateTime, thresholds.ResultUnmeasuredDays, null, null, ct, leadIds);
        return rows.ToDictionary(r => r.LeadId, r => r.Delta.Absolute);
    }

    /// <summary>Leads that are clients (Approved, Building, Shipped; not archived), narrowed by stage and a search of title and company.</summary>
    private static IQueryable<Lead> ClientLeads(IQueryable<Lead> leads, LeadStatus? status, string? q)
    {
        var clients = leads.Where(l => !l.IsArchived && (l.Status == LeadStatus.Approved || l.Status == LeadStatus.Building || l.Status == LeadStatus.Shipped));
        if (status is { } s)
        {
            clients = clients.Where(l => l.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePattern.Contains(q);
            clients = clients.Where(l => EF.Functions.Like(l.Title, pattern, LikePattern.Escape) || EF.Functions.Like(l.Company!, pattern, LikePattern.Escape));
        }

        return clients;
    }

    /// <summary>
    /// Client rows in three set-based queries (clients, their success records, the newest outcome of each);
    /// the ledger arithmetic then runs in memory because it is the pure, tested rule.
    /// </summary>
    internal async Task<IReadOnlyList<ClientRow>> ClientRowsAsync(
        DateTime now, int unmeasuredDays, LeadStatus? status, string? q, CancellationToken ct, IReadOnlyCollection<int>? leadIds = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clients = ClientLeads(db.Set<Lead>().AsNoTracking(), status, q);
        if (leadIds is not null)
        {
            clients = clients.Where(l => leadIds.Contains(l.Id));
        }

        var leads = await clients.Select(l => new { l.Id, l.Title, l.Company, l.Status, l.CreatedAt, l.StatusChangedAt, l.StatusImported }).ToListAsync(ct);
        var successes = await db.Set<ClientSuccess>().AsNoTracking()
            .Where(cs => clients.Any(l => l.Id == cs.LeadId))
            .ToDictionaryAsync(cs => cs.LeadId, ct);
        var newest = await db.Set<OutcomeEntry>().AsNoTracking()
            .Where(o => clients.Any(l => l.Id == o.LeadId))
            .GroupBy(o => o.LeadId)
            .Select(g => g.OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id).Select(o => new { o.LeadId, o.Id, o.Value, o.MeasuredAt }).First())
            .ToDictionaryAsync(o => o.LeadId, ct);

        return leads.Select(l =>
        {
            successes.TryGetValue(l.Id, out var success);
            Measurement[] outcomes = newest.TryGetValue(l.Id, out var o) ? [new Measurement(o.Value, o.MeasuredAt, o.Id)] : [];
            var ledger = Ledger(success, outcomes, now, unmeasuredDays);
            return new ClientRow(
                l.Id, l.Title, l.Company, l.Status,
                success?.HasTarget == true ? success.MetricName : null,
                success?.HasTarget == true ? success.Unit : null,
                success?.HasTarget == true ? success.Direction : null,
                success?.HasTarget == true ? success.TargetValue : null,
                success?.HasTarget == true ? success.DueDate : null,
                ledger.Baseline?.Value,
                ledger.Current?.Value,
                ToView(ledger.Delta),
                ledger.LastMeasuredAt,
                ledger.DaysSinceMeasured,
                ledger.Track,
                ledger.TrackNote,
                ledger.Flags,
                l.CreatedAt,
                l.StatusChangedAt,
                l.StatusImported);
        }).ToList();
    }

    private static IEnumerable<ClientRow> Sort(IEnumerable<ClientRow> rows, string? sort) => sort switch
    {
        "createdAt" => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.LeadId),
        "title" => rows.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.LeadId),
        "-title" => rows.OrderByDescending(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenByDescending(r => r.LeadId),
        "status" => rows.OrderBy(r => r.Status).ThenBy(r => r.LeadId),
        "-status" => rows.OrderByDescending(r => r.Status).ThenByDescending(r => r.LeadId),
        // Rows without a number sort last in both directions: "no measurement" is not a small delta.
        "deltaPercent" => rows.OrderBy(r => r.Delta.Percent is null).ThenBy(r => r.Delta.Percent).ThenBy(r => r.LeadId),
        "-deltaPercent" => rows.OrderBy(r => r.Delta.Percent is null).ThenByDescending(r => r.Delta.Percent).ThenByDescending(r => r.LeadId),
        "deltaAbsolute" => rows.OrderBy(r => r.Delta.Absolute is null).ThenBy(r => r.Delta.Absolute).ThenBy(r => r.LeadId),
        "-deltaAbsolute" => rows.OrderBy(r => r.Delta.Absolute is null).ThenByDescending(r => r.Delta.Absolute).ThenByDescending(r => r.LeadId),
        "lastMeasuredAt" => rows.OrderBy(r => r.LastMeasuredAt is null).ThenBy(r => r.LastMeasuredAt).ThenBy(r => r.LeadId),
        "-lastMeasuredAt" => rows.OrderBy(r => r.LastMeasuredAt is null).ThenByDescending(r => r.LastMeasuredAt).ThenByDescending(r => r.LeadId),
        "dueDate" => rows.OrderBy(r => r.DueDate is null).ThenBy(r => r.DueDate).ThenBy(r => r.LeadId),
        "-dueDate" => rows.OrderBy(r => r.DueDate is null).ThenByDescending(r => r.DueDate).ThenByDescending(r => r.LeadId),
        // Worst first: off track, then unmeasured, then no target, then the rest.
        "flags" => rows.OrderBy(Severity).ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase),
        "-flags" => rows.OrderByDescending(Severity).ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase),
        _ => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.LeadId),
    };

    /// <summary>Worst first: off track 0, unmeasured 1, no target 2, the rest 3 (the list's "flags" sort, an account's results).</summary>
    internal static int Severity(ClientRow row) =>
        row.Flags.Contains(ResultFlag.OffTrack) ? 0 : row.Flags.Contains(ResultFlag.Unmeasured) ? 1 : row.Flags.Contains(ResultFlag.NoTarget) ? 2 : 3;

    internal static LedgerSnapshot Ledger(ClientSuccess? success, IEnumerable<Measurement> outcomes, DateTime now, int unmeasuredDays)
    {
        var target = TargetOf(success) is { } t ? new ResultTarget(t.MetricName, t.Unit, t.TargetValue, t.DueDate, t.Direction, t.SetAt) : null;
        var baseline = success is { BaselineValue: { } value, BaselineMeasuredAt: { } at } ? new Measurement(value, at) : null;
        return ResultsLedger.Compute(target, baseline, outcomes, now, unmeasuredDays);
    }

    private static TargetView? TargetOf(ClientSuccess? success) => success is { HasTarget: true }
        ? new TargetView(success.MetricName!, success.Unit, success.TargetValue!.Value, success.DueDate!.Value, success.Direction, success.TargetSetAt)
        : null;

    private static DeltaView ToView(ResultDelta delta) => new(delta.State, delta.Absolute, delta.Percent, delta.Movement, delta.Note);

    private static OutcomeView ToView(OutcomeEntry o) => new(o.Id, o.LeadId, o.Value, o.MeasuredAt, o.Source, o.Note, o.RecordedAt, o.RecordedByName);

    private static object Snapshot(ClientSuccess s, IEnumerable<ClientIntervention> interventions) => new
    {
        s.MetricName,
        s.Unit,
        s.TargetValue,
        s.DueDate,
        s.Direction,
        s.BaselineValue,
        s.BaselineMeasuredAt,
        s.BaselineSource,
        s.Risks,
        s.ClientFeedback,
        s.WhatWorked,
        s.WhatFailed,
        Interventions = interventions.Select(i => new { i.WhatWasDone, i.DoneAt }).ToList(),
    };
}

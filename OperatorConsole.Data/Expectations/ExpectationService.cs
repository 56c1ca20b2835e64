using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Expectations;

/// <summary>
/// Expectation management (sprint 3.2). Snapshots are append-only: a save adds a new one and never changes an
/// old one, so the history shows how the client's expectations moved. Only a signed-in operator writes them.
/// </summary>
public sealed class ExpectationService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, SettingsService settings)
{
    public async Task<IReadOnlyList<string>> RiskFlagsAsync(CancellationToken ct = default) =>
        await settings.GetAsync<List<string>>(ExpectationRules.RiskFlagsSettingKey, () => [.. ExpectationRules.DefaultRiskFlags], ct);

    public async Task<OperationResult<IReadOnlyList<string>>> SaveRiskFlagsAsync(IReadOnlyList<string>? flags, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<IReadOnlyList<string>>(actor, "Only a signed-in operator can change the risk-flag list.") is { } refused)
        {
            return refused;
        }

        if (flags is null)
        {
            return OperationResult<IReadOnlyList<string>>.Invalid("flags", "'flags' is required.");
        }

        var errors = ExpectationRules.ValidateFlagList(flags);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<IReadOnlyList<string>>();
        }

        var cleaned = flags.Select(f => f.Trim()).ToList();
        await settings.SaveAsync(ExpectationRules.RiskFlagsSettingKey, cleaned, actor, ct: ct);
        return OperationResult<IReadOnlyList<string>>.Ok(cleaned);
    }

    /// <summary>Every snapshot of the lead, newest first, each with its diff against the one before it.</summary>
    public async Task<IReadOnlyList<ExpectationSnapshotView>?> HistoryAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return null;
        }

        var snapshots = await db.Set<ExpectationSnapshot>().AsNoTracking()
            .Where(s => s.LeadId == leadId)
            .OrderBy(s => s.Number)
            .ToListAsync(ct);
        var views = new List<ExpectationSnapshotView>(snapshots.Count);
        ExpectationFields? previous = null;
        foreach (var s in snapshots)
        {
            var fields = Fields(s);
            views.Add(ToView(s, ExpectationRules.Diff(previous, fields)));
            previous = fields;
        }

        views.Reverse();
        return views;
    }

    public async Task<OperationResult<ExpectationSnapshotView>> AddAsync(int leadId, AddExpectationSnapshotRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ExpectationSnapshotView>(actor, "Expectation management is human-only: only a signed-in operator records snapshots.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return OperationResult<ExpectationSnapshotView>.NotFound($"Lead {leadId} does not exist.");
        }

        var allowed = await RiskFlagsAsync(ct);
        var flagErrors = new ValidationErrors();
        var calibration = ExpectationRules.CalibrationFrom(request.AskCalibration, request.UnderAskingFlag, request.OverAskingFlag, flagErrors);
        var fields = new ExpectationFields(
            request.RequestedOutcome, request.RealisticOutcomeRange, request.RiskFlags ?? [], request.RiskNotes,
            calibration, request.ActualNeed, request.ResetScript);
        var errors = ExpectationRules.Validate(fields, allowed).Merge(flagErrors);
        if (request.ProposalId is { } proposalId
            && !await db.Set<Proposal>().AnyAsync(p => p.Id == proposalId && p.LeadId == leadId, ct))
        {
            errors.Add("proposalId", $"Proposal {proposalId} does not exist for this lead.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<ExpectationSnapshotView>();
        }

        var previous = await db.Set<ExpectationSnapshot>().AsNoTracking()
            .Where(s => s.LeadId == leadId).OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = NewSnapshot(leadId, (previous?.Number ?? 0) + 1, request, ExpectationRules.NormaliseFlags(request.RiskFlags ?? [], allowed), calibration, actor, now);
        db.Add(snapshot);
        var view = await db.SaveWithAuditAsync(() =>
        {
            var created = ToView(snapshot, ExpectationRules.Diff(previous is null ? null : Fields(previous), Fields(snapshot)));
            db.Audit(actor, now, "expectation.snapshot_added", "lead", leadId,
                $"Expectation snapshot #{snapshot.Number}" + (created.Changes.Count == 0 ? " (no changes)" : $": {string.Join(", ", created.Changes.Select(c => c.Label))}"),
                before: previous is null ? null : ToView(previous, []), after: created);
            return created;
        }, ct);
        return OperationResult<ExpectationSnapshotView>.Created(view);
    }

    private static ExpectationSnapshot NewSnapshot(
        int leadId, int number, AddExpectationSnapshotRequest request, List<string> flags, AskCalibration? calibration, Actor actor, DateTime now) => new()
    {
        LeadId = leadId,
        ProposalId = request.ProposalId,
        Number = number,
        RequestedOutcome = TextInput.Clean(request.RequestedOutcome),
        RealisticOutcomeRange = TextInput.Clean(request.RealisticOutcomeRange),
        RiskFlags = flags,
        RiskNotes = TextInput.Clean(request.RiskNotes),
        AskCalibration = calibration,
        ActualNeed = TextInput.Clean(request.ActualNeed),
        ResetScript = TextInput.Clean(request.ResetScript),
        CreatedAt = now,
        CreatedByKind = actor.Kind,
        CreatedById = actor.Id,
        CreatedByName = actor.DisplayName,
    };

    private static ExpectationFields Fields(ExpectationSnapshot s) =>
        new(s.RequestedOutcome, s.RealisticOutcomeRange, s.RiskFlags, s.RiskNotes, s.AskCalibration, s.ActualNeed, s.ResetScript);

    private static ExpectationSnapshotView ToView(ExpectationSnapshot s, IReadOnlyList<ExpectationChange> changes) => new(
        s.Id, s.LeadId, s.ProposalId, s.Number, s.RequestedOutcome, s.RealisticOutcomeRange, s.RiskFlags.ToList(), s.RiskNotes,
        s.AskCalibration, s.ActualNeed, s.ResetScript, s.CreatedAt, s.CreatedByName, changes);
}

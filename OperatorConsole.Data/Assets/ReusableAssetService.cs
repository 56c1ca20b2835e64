using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Assets;

/// <summary>
/// The reusable asset log (sprint 2.1). Human-entered only: every write needs a signed-in operator (checked
/// here, not only by the endpoint policy, so the UI and any future caller obey the same rule) and is audited.
/// </summary>
public sealed class ReusableAssetService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    private const string HumanOnly = "The reusable asset log is written by a signed-in operator only; machines may read it.";

    public async Task<OperationResult<ReusableAssetView>> CreateAsync(int leadId, CreateReusableAssetRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ReusableAssetView>(actor, HumanOnly) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<ReusableAssetView>.NotFound($"Lead {leadId} does not exist.");
        }

        var errors = ReusableAssetRules.Validate(
            request.Extracted, request.NotExtractedReason, request.Type, request.Label, request.StoredAt, request.ReuseConfidence, request.Notes);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ReusableAssetView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entry = new ReusableAssetEntry
        {
            LeadId = leadId,
            Extracted = request.Extracted!.Value,
            NotExtractedReason = TextInput.Clean(request.NotExtractedReason),
            Type = request.Type,
            Label = TextInput.Clean(request.Label),
            StoredAt = TextInput.Clean(request.StoredAt),
            ReuseConfidence = request.ReuseConfidence,
            Notes = TextInput.Clean(request.Notes),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
        };
        db.Add(entry);
        var view = await db.SaveWithAuditAsync(() =>
        {
            var created = ToView(entry, lead);
            db.Audit(actor, now, "reusable_asset.created", "reusable_asset", entry.Id, Summary(created), after: created);
            return created;
        }, ct);
        return OperationResult<ReusableAssetView>.Created(view);
    }

    public async Task<OperationResult<ReusableAssetView>> UpdateAsync(int id, UpdateReusableAssetRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ReusableAssetView>(actor, HumanOnly) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindWithLeadAsync(db, id, ct) is not { } found)
        {
            return OperationResult<ReusableAssetView>.NotFound($"Reusable asset entry {id} does not exist.");
        }

        var (entry, lead) = found;
        var before = ToView(entry, lead);
        var extracted = request.Extracted ?? entry.Extracted;
        var switched = extracted != entry.Extracted;
        // Switching the answer drops the fields of the other answer, so a merge cannot mix "no" with a type:
        // after a switch only what the request sends counts for the fields of the new answer.
        var keep = !switched;
        var reason = request.NotExtractedReason ?? (keep ? entry.NotExtractedReason : null);
        var type = request.Type ?? (keep ? entry.Type : null);
        var label = request.Label ?? (keep ? entry.Label : null);
        var storedAt = request.StoredAt ?? (keep ? entry.StoredAt : null);
        var confidence = request.ReuseConfidence ?? (keep ? entry.ReuseConfidence : null);
        var notes = request.Notes ?? entry.Notes;

        var errors = ReusableAssetRules.Validate(extracted, reason, type, label, storedAt, confidence, notes);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ReusableAssetView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        entry.Extracted = extracted;
        entry.NotExtractedReason = TextInput.Clean(reason);
        entry.Type = type;
        entry.Label = TextInput.Clean(label);
        entry.StoredAt = TextInput.Clean(storedAt);
        entry.ReuseConfidence = confidence;
        entry.Notes = TextInput.Clean(notes);
        entry.UpdatedAt = now;
        entry.UpdatedByName = actor.DisplayName;
        var after = ToView(entry, lead);
        db.Audit(actor, now, "reusable_asset.updated", "reusable_asset", entry.Id, Summary(after), before: before, after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<ReusableAssetView>.Ok(after);
    }

    /// <summary>Removes an entry; the audit keeps the full "before" snapshot, so nothing is lost from history.</summary>
    public async Task<OperationResult<ReusableAssetView>> DeleteAsync(int id, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ReusableAssetView>(actor, HumanOnly) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindWithLeadAsync(db, id, ct) is not { } found)
        {
            return OperationResult<ReusableAssetView>.NotFound($"Reusable asset entry {id} does not exist.");
        }

        var (entry, lead) = found;
        var before = ToView(entry, lead);
        db.Remove(entry);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "reusable_asset.deleted", "reusable_asset", id, "Deleted: " + Summary(before), reason, before: before);
        await db.SaveChangesAsync(ct);
        return OperationResult<ReusableAssetView>.Ok(before);
    }

    /// <summary>The entry, tracked for a change, and its lead; null when there is no such entry.</summary>
    private static async Task<(ReusableAssetEntry Entry, Lead Lead)?> FindWithLeadAsync(ConsoleDbContext db, int id, CancellationToken ct)
    {
        var entry = await db.Set<ReusableAssetEntry>().FirstOrDefaultAsync(a => a.Id == id, ct);
        return entry is null ? null : (entry, await db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == entry.LeadId, ct));
    }

    public async Task<ReusableAssetView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(Joined(db).Where(x => x.Asset.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// <summary>One project's log, newest first.</summary>
    public async Task<IReadOnlyList<ReusableAssetView>> ForLeadAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(Joined(db).Where(x => x.Asset.LeadId == leadId).OrderByDescending(x => x.Asset.CreatedAt).ThenByDescending(x => x.Asset.Id)).ToListAsync(ct);
    }

    /// <summary>The library across all projects: filters by type, reuse confidence and free text (label, where stored, notes, client).</summary>
    public async Task<PagedList<ReusableAssetView>> ListAsync(ReusableAssetQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assets = Joined(db);
        if (query.Type is { } type)
        {
            assets = assets.Where(x => x.Asset.Type == type);
        }

        if (query.ReuseConfidence is { } confidence)
        {
            assets = assets.Where(x => x.Asset.ReuseConfidence == confidence);
        }

        if (query.Extracted is { } extracted)
        {
            assets = assets.Where(x => x.Asset.Extracted == extracted);
        }

        if (query.LeadId is { } leadId)
        {
            assets = assets.Where(x => x.Asset.LeadId == leadId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            assets = assets.Where(x =>
                EF.Functions.Like(x.Asset.Label!, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.Asset.StoredAt!, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.Asset.Notes!, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.Asset.NotExtractedReason!, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.Lead.Title, pattern, LikePattern.Escape)
                || EF.Functions.Like(x.Lead.Company!, pattern, LikePattern.Escape));
        }

        var total = await assets.CountAsync(ct);
        var items = await Project(assets.OrderByDescending(x => x.Asset.CreatedAt).ThenByDescending(x => x.Asset.Id).Skip(paging.Skip).Take(paging.PageSize)).ToListAsync(ct);
        return new PagedList<ReusableAssetView>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<bool> LeadExistsAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct);
    }

    private sealed class AssetWithLead
    {
        public required ReusableAssetEntry Asset { get; init; }
        public required Lead Lead { get; init; }
    }

    /// <summary>Filters run on the entities; the view is built last so the provider can translate everything.</summary>
    private static IQueryable<AssetWithLead> Joined(ConsoleDbContext db) =>
        from a in db.Set<ReusableAssetEntry>().AsNoTracking()
        join l in db.Set<Lead>().AsNoTracking() on a.LeadId equals l.Id
        select new AssetWithLead { Asset = a, Lead = l };

    private static IQueryable<ReusableAssetView> Project(IQueryable<AssetWithLead> query) =>
        query.Select(x => new ReusableAssetView(
            x.Asset.Id, x.Asset.LeadId, x.Lead.Title, x.Lead.Company, x.Lead.Status, x.Asset.Extracted, x.Asset.NotExtractedReason, x.Asset.Type,
            x.Asset.Label, x.Asset.StoredAt, x.Asset.ReuseConfidence, x.Asset.Notes, x.Asset.CreatedAt, x.Asset.UpdatedAt, x.Asset.CreatedByName,
            x.Asset.UpdatedByName));

    private static ReusableAssetView ToView(ReusableAssetEntry a, Lead l) => new(
        a.Id, a.LeadId, l.Title, l.Company, l.Status, a.Extracted, a.NotExtractedReason, a.Type, a.Label, a.StoredAt,
        a.ReuseConfidence, a.Notes, a.CreatedAt, a.UpdatedAt, a.CreatedByName, a.UpdatedByName);

    private static string Summary(ReusableAssetView v) => v.Extracted
        ? $"{v.Type} \"{v.Label}\" from {v.Company ?? v.LeadTitle} ({v.ReuseConfidence} reuse confidence)"
        : $"No reusable asset from {v.Company ?? v.LeadTitle}: {v.NotExtractedReason}";
}

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Packages;

/// <summary>
/// Service packages (sprint 3.1): internal definitions of repeatable offers, the leads sold on them and
/// their track record. Writes are operator-only and audited; a package in use is archived, never deleted.
/// </summary>
public sealed class ServicePackageService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, IServiceProvider services)
{
    /// <summary>
    /// How many of a package's deals its page lists, the most recently changed first. An imported CRM sells one
    /// product on a thousand deals; all of them are on the Leads list filtered by the package, which pages.
    /// </summary>
    public const int LeadsShown = 10;

    public async Task<PagedList<ServicePackageSummary>> ListAsync(ServicePackageListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var packages = db.Set<ServicePackage>().AsNoTracking();
        if (!query.IncludeArchived)
        {
            packages = packages.Where(p => !p.IsArchived);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            packages = packages.Where(p => EF.Functions.Like(p.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(p.PromisedOutcome!, pattern, LikePattern.Escape));
        }

        var total = await packages.CountAsync(ct);
        var page = await packages.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var records = await TrackRecordsAsync(db, page.Select(p => p.Id).ToList(), ct);
        var items = page.Select(p => ToSummary(p, records)).ToList();
        return new PagedList<ServicePackageSummary>(items, total, paging.Page, paging.PageSize);
    }

    /// <summary>Every package's id and name, archived ones too, by name: what a filter offers (no track records computed).</summary>
    public async Task<IReadOnlyList<PackageOption>> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ServicePackage>().AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new PackageOption(p.Id, p.Name, p.IsArchived)).ToListAsync(ct);
    }

    public async Task<ServicePackageView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var package = await db.Set<ServicePackage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return package is null ? null : ToView(package);
    }

    /// <summary>
    /// The package with its track record over every deal sold on it (linked directly or through a proposal), and the
    /// <see cref="LeadsShown"/> most recently changed of those deals with their results.
    /// </summary>
    public async Task<ServicePackageDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var package = await db.Set<ServicePackage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return null;
        }

        var record = (await TrackRecordsAsync(db, [id], ct)).GetValueOrDefault(id, PackageTrackRecord.None);
        var sold = db.Set<Lead>().AsNoTracking().SoldOn(db.Set<Proposal>(), id);
        var leads = await sold.OrderByDescending(l => l.StatusChangedAt).ThenByDescending(l => l.Id).Take(LeadsShown)
            .Select(l => new { l.Id, l.Title, l.Company, l.Status, l.OfferType, l.EstimatedValue })
            .ToListAsync(ct);
        var leadIds = leads.Select(l => l.Id).ToList();
        var byLead = (await db.Set<Proposal>().AsNoTracking().Where(p => leadIds.Contains(p.LeadId))
            .Select(p => new { p.LeadId, p.Outcome, p.OutcomeValue, p.Amount }).ToListAsync(ct)).ToLookup(p => p.LeadId);
        // Deltas come from the Results Ledger (resolved lazily: the ledger is another feature's service), for the rows shown.
        var deltas = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<OperatorConsole.Data.Results.ClientSuccessService>(services).DeltasAsync(leadIds, ct);
        var rows = leads.Select(lead =>
        {
            var (isWon, isLost, value) = OfferPerformance.Classify(new OfferDealFact(lead.Id, lead.OfferType, lead.Status, lead.EstimatedValue,
                byLead[lead.Id].Select(p => (p.Outcome, p.OutcomeValue, p.Amount)).ToList()));
            // Null until the Results Ledger has a baseline and an outcome for the lead (never invented).
            return new PackageLeadResult(lead.Id, lead.Title, lead.Company, lead.Status, lead.OfferType,
                isWon ? "won" : isLost ? "lost" : "open", isWon ? value : null, deltas.GetValueOrDefault(lead.Id));
        }).ToList();
        var proposalsUsing = await db.Set<Proposal>().CountAsync(p => p.ServicePackageId == id, ct);
        var leadsUsing = await db.Set<Lead>().CountAsync(l => l.ServicePackageId == id, ct);
        var anyArchived = await sold.AnyAsync(l => l.IsArchived, ct);
        return new ServicePackageDetail(ToView(package), record, rows, ServicePackageRules.CanDelete(leadsUsing, proposalsUsing),
            $"/leads?packageId={id}" + (anyArchived ? "&includeArchived=true" : ""));
    }

    /// <summary>
    /// Each package's track record over the deals sold on it: won, lost (OfferPerformance's rule, the offers page's)
    /// and the value won. Two set-based reads (the deals with their package, their decided proposals), folded here.
    /// </summary>
    private static async Task<Dictionary<int, PackageTrackRecord>> TrackRecordsAsync(
        ConsoleDbContext db, IReadOnlyCollection<int> packageIds, CancellationToken ct, IQueryable<Lead>? within = null)
    {
        var sold = (within ?? db.Set<Lead>()).AsNoTracking().SoldOnAny(db.Set<Proposal>(), packageIds);
        var leads = await sold.Select(l => new { l.Id, l.ServicePackageId, l.OfferType, l.Status, l.EstimatedValue }).ToListAsync(ct);
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => sold.Any(l => l.Id == p.LeadId))
            .Select(p => new { p.LeadId, p.ServicePackageId, p.Outcome, p.OutcomeValue, p.Amount }).ToListAsync(ct);
        var byLead = proposals.ToLookup(p => p.LeadId);
        var soldOn = leads.SelectMany(l => byLead[l.Id].Select(p => p.ServicePackageId).Append(l.ServicePackageId).OfType<int>()
                .Where(packageIds.Contains).Distinct().Select(packageId => (packageId, Lead: l)));
        return soldOn.GroupBy(x => x.packageId).ToDictionary(g => g.Key, g => PackageTrackRecord.Of(g.Select(x =>
            OfferPerformance.Classify(new OfferDealFact(x.Lead.Id, x.Lead.OfferType, x.Lead.Status, x.Lead.EstimatedValue,
                byLead[x.Lead.Id].Select(p => (p.Outcome, p.OutcomeValue, p.Amount)).ToList()))).ToList()));
    }

    /// <summary>
    /// Revenue by package, or what one account bought: each package's track record over the deals (of that account, or
    /// every deal), largest won value first, and how many deals are sold on no package. Archived deals are left out, as the account's totals,
    /// the offers' revenue card and the Leads list the rows link to leave them out, so the rows add up with those.
    /// </summary>
    public async Task<PackageSales> SoldAsync(int? accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var packages = await db.Set<ServicePackage>().AsNoTracking().Select(p => new { p.Id, p.Name, p.IsArchived }).ToListAsync(ct);
        var deals = db.Set<Lead>().Where(l => !l.IsArchived && (accountId == null || l.AccountId == accountId));
        var records = await TrackRecordsAsync(db, packages.Select(p => p.Id).ToList(), ct, deals);
        var scope = accountId is { } id ? $"accountId={id}&" : "";
        var rows = packages.Where(p => records.ContainsKey(p.Id))
            .Select(p => new PackageSalesRow(p.Id, p.Name, p.IsArchived, records[p.Id], $"/leads?{scope}packageId={p.Id}"))
            .OrderByDescending(r => r.TrackRecord.WonValue).ThenByDescending(r => r.TrackRecord.Leads).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var proposals = db.Set<Proposal>();
        var withoutPackage = await deals.CountAsync(l => l.ServicePackageId == null && !proposals.Any(p => p.LeadId == l.Id && p.ServicePackageId != null), ct);
        return new PackageSales(rows, withoutPackage);
    }

    public async Task<OperationResult<ServicePackageView>> CreateAsync(CreateServicePackageRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ServicePackageView>(actor, "Only a signed-in operator can create service packages.") is { } refused)
        {
            return refused;
        }

        var fields = new ServicePackageFields(
            request.Name, request.PromisedOutcome, request.ScopeIncluded, request.Exclusions, request.IdealClient,
            request.DeliverySteps ?? [], request.TurnaroundTarget, request.RevisionPolicy,
            request.PriceMin ?? 0, request.PriceMax ?? request.PriceMin ?? 0, request.Currency ?? "USD",
            request.UpgradeOptions ?? []);
        var errors = ServicePackageRules.Validate(fields);
        if (request.PriceMin is null)
        {
            errors.Add("priceMin", "'priceMin' is required.");
        }

        if (request.PriceMax is null)
        {
            errors.Add("priceMax", "'priceMax' is required.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<ServicePackageView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var package = new ServicePackage { Name = "", CreatedAt = now, UpdatedAt = now };
        Apply(package, fields);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(package);
        var view = await db.SaveWithAuditAsync(() =>
        {
            var created = ToView(package);
            db.Audit(actor, now, "service_package.created", "service_package", package.Id, $"Created service package \"{package.Name}\"", after: created);
            return created;
        }, ct);
        return OperationResult<ServicePackageView>.Created(view);
    }

    public async Task<OperationResult<ServicePackageView>> UpdateAsync(int id, UpdateServicePackageRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ServicePackageView>(actor, "Only a signed-in operator can edit service packages.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var package = await db.Set<ServicePackage>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return OperationResult<ServicePackageView>.NotFound($"Service package {id} does not exist.");
        }

        var before = ToView(package);
        var fields = new ServicePackageFields(
            request.Name ?? package.Name,
            request.PromisedOutcome ?? package.PromisedOutcome,
            request.ScopeIncluded ?? package.ScopeIncluded,
            request.Exclusions ?? package.Exclusions,
            request.IdealClient ?? package.IdealClient,
            request.DeliverySteps ?? package.DeliverySteps,
            request.TurnaroundTarget ?? package.TurnaroundTarget,
            request.RevisionPolicy ?? package.RevisionPolicy,
            request.PriceMin ?? package.PriceMin,
            request.PriceMax ?? package.PriceMax,
            request.Currency ?? package.Currency,
            request.UpgradeOptions ?? package.UpgradeOptions);
        var errors = ServicePackageRules.Validate(fields);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ServicePackageView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        Apply(package, fields);
        package.UpdatedAt = now;
        var after = ToView(package);
        db.Audit(actor, now, "service_package.updated", "service_package", package.Id, $"Edited service package \"{package.Name}\"", before: before, after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<ServicePackageView>.Ok(after);
    }

    /// <summary>Archive (hide from new links, keep the history) or bring back a package.</summary>
    public async Task<OperationResult<ServicePackageView>> SetArchivedAsync(int id, bool archived, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ServicePackageView>(actor, "Only a signed-in operator can archive service packages.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var package = await db.Set<ServicePackage>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return OperationResult<ServicePackageView>.NotFound($"Service package {id} does not exist.");
        }

        if (package.IsArchived != archived)
        {
            var now = time.GetUtcNow().UtcDateTime;
            package.IsArchived = archived;
            package.UpdatedAt = now;
            db.Audit(actor, now, archived ? "service_package.archived" : "service_package.unarchived", "service_package", package.Id,
                $"{(archived ? "Archived" : "Restored")} service package \"{package.Name}\"", before: new { IsArchived = !archived }, after: new { IsArchived = archived });
            await db.SaveChangesAsync(ct);
        }

        return OperationResult<ServicePackageView>.Ok(ToView(package));
    }

    /// <summary>Deletes a package no lead or proposal ever used; a used one must be archived (409).</summary>
    public async Task<OperationResult<ServicePackageView>> DeleteAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ServicePackageView>(actor, "Only a signed-in operator can delete service packages.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var package = await db.Set<ServicePackage>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null)
        {
            return OperationResult<ServicePackageView>.NotFound($"Service package {id} does not exist.");
        }

        var leadsUsing = await db.Set<Lead>().CountAsync(l => l.ServicePackageId == id, ct);
        var proposalsUsing = await db.Set<Proposal>().CountAsync(p => p.ServicePackageId == id, ct);
        if (!ServicePackageRules.CanDelete(leadsUsing, proposalsUsing))
        {
            return OperationResult<ServicePackageView>.Conflict(
                $"\"{package.Name}\" is used by {leadsUsing} lead(s) and {proposalsUsing} proposal(s); archive it instead (POST /api/service-packages/{id}/archive).");
        }

        var view = ToView(package);
        var now = time.GetUtcNow().UtcDateTime;
        db.Remove(package);
        db.Audit(actor, now, "service_package.deleted", "service_package", id, $"Deleted unused service package \"{package.Name}\"", before: view);
        await db.SaveChangesAsync(ct);
        return OperationResult<ServicePackageView>.Ok(view);
    }

    public async Task<LeadPackageLink?> LinkForLeadAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().Where(l => l.Id == leadId).Select(l => new { l.Id, l.ServicePackageId }).FirstOrDefaultAsync(ct);
        if (lead is null)
        {
            return null;
        }

        var packages = await db.Set<ServicePackage>().AsNoTracking()
            .Where(p => !p.IsArchived || p.Id == lead.ServicePackageId)
            .OrderBy(p => p.Name).ToListAsync(ct);
        var records = await TrackRecordsAsync(db, packages.Select(p => p.Id).ToList(), ct);
        var summaries = packages.Select(p => ToSummary(p, records)).ToList();
        return new LeadPackageLink(lead.Id, summaries.FirstOrDefault(p => p.Id == lead.ServicePackageId), summaries.Where(p => !p.IsArchived).ToList());
    }

    /// <summary>
    /// The lead page's package card: the linked package with its own track record, and the packages it could be linked
    /// to by name. <see cref="LinkForLeadAsync"/> (the API's answer to a link) computes every package's record; the card
    /// shows one, and reloads on every lead change, so it reads that one package's deals only.
    /// </summary>
    public async Task<LeadPackageCard?> CardForLeadAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().Where(l => l.Id == leadId).Select(l => new { l.Id, l.ServicePackageId }).FirstOrDefaultAsync(ct);
        if (lead is null)
        {
            return null;
        }

        // One read of the packages, as LinkForLeadAsync reads them: the live ones to pick from, and the linked one.
        var packages = await db.Set<ServicePackage>().AsNoTracking()
            .Where(p => !p.IsArchived || p.Id == lead.ServicePackageId).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var linked = packages.FirstOrDefault(p => p.Id == lead.ServicePackageId);
        var summary = linked is null ? null : ToSummary(linked, await TrackRecordsAsync(db, [linked.Id], ct));
        var available = packages.Where(p => !p.IsArchived).Select(p => new PackageOption(p.Id, p.Name, p.IsArchived)).ToList();
        return new LeadPackageCard(lead.Id, summary, available);
    }

    /// <summary>Links a lead to a package (or unlinks with null). Archived packages take no new leads.</summary>
    public Task<OperationResult<LeadPackageLink>> LinkLeadAsync(int leadId, LinkServicePackageRequest request, Actor actor, CancellationToken ct = default) =>
        LinkLeadAsync(leadId, request, actor, LinkForLeadAsync, ct);

    /// <summary>
    /// The same audited link, answered with the read its caller shows: the API answers with every package's summary
    /// (<see cref="LinkForLeadAsync"/>), the lead page's card with one package's record (<see cref="CardForLeadAsync"/>),
    /// so a click on the card does not compute every package's record to throw it away.
    /// </summary>
    public async Task<OperationResult<T>> LinkLeadAsync<T>(
        int leadId, LinkServicePackageRequest request, Actor actor, Func<int, CancellationToken, Task<T?>> answer, CancellationToken ct = default)
        where T : class
    {
        if (HumanGate.OperatorOnly<T>(actor, "Only a signed-in operator can link a lead to a service package.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<T>.NotFound($"Lead {leadId} does not exist.");
        }

        string? packageName = null;
        if (request.ServicePackageId is { } packageId)
        {
            var package = await db.Set<ServicePackage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == packageId, ct);
            if (package is null)
            {
                return OperationResult<T>.Invalid("servicePackageId", $"Service package {packageId} does not exist.");
            }

            if (package.IsArchived && lead.ServicePackageId != packageId)
            {
                return OperationResult<T>.Invalid("servicePackageId", $"\"{package.Name}\" is archived; restore it before linking new leads.");
            }

            packageName = package.Name;
        }

        if (lead.ServicePackageId != request.ServicePackageId)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var before = lead.ServicePackageId;
            lead.ServicePackageId = request.ServicePackageId;
            lead.UpdatedAt = now;
            db.Audit(actor, now, "lead.service_package_linked", "lead", lead.Id,
                packageName is null ? $"Unlinked \"{lead.Title}\" from its service package" : $"Linked \"{lead.Title}\" to \"{packageName}\"",
                before: new { ServicePackageId = before }, after: new { request.ServicePackageId });
            await db.SaveChangesAsync(ct);
        }

        return OperationResult<T>.Ok((await answer(leadId, ct))!);
    }

    private static void Apply(ServicePackage package, ServicePackageFields f)
    {
        package.Name = f.Name!.Trim();
        package.PromisedOutcome = TextInput.Clean(f.PromisedOutcome);
        package.ScopeIncluded = TextInput.Clean(f.ScopeIncluded);
        package.Exclusions = TextInput.Clean(f.Exclusions);
        package.IdealClient = TextInput.Clean(f.IdealClient);
        package.DeliverySteps = f.DeliverySteps.Select(s => s.Trim()).ToList();
        package.TurnaroundTarget = TextInput.Clean(f.TurnaroundTarget);
        package.RevisionPolicy = TextInput.Clean(f.RevisionPolicy);
        package.PriceMin = f.PriceMin;
        package.PriceMax = f.PriceMax;
        package.Currency = f.Currency!.Trim().ToUpperInvariant();
        package.UpgradeOptions = f.UpgradeOptions.Select(u => new UpgradeOption(u.Name.Trim(), u.Price)).ToList();
    }

    public static ServicePackageView ToView(ServicePackage p) => new(
        p.Id, p.Name, p.PromisedOutcome, p.ScopeIncluded, p.Exclusions, p.IdealClient, p.DeliverySteps.ToList(),
        p.TurnaroundTarget, p.RevisionPolicy, p.PriceMin, p.PriceMax, p.Currency, p.UpgradeOptions.ToList(), p.IsArchived, p.CreatedAt, p.UpdatedAt);

    private static ServicePackageSummary ToSummary(ServicePackage p, Dictionary<int, PackageTrackRecord> records)
    {
        var record = records.GetValueOrDefault(p.Id, PackageTrackRecord.None);
        return new(p.Id, p.Name, p.PromisedOutcome, p.PriceMin, p.PriceMax, p.Currency, p.TurnaroundTarget, p.DeliverySteps.Count,
            p.IsArchived, record.Leads, p.CreatedAt, p.UpdatedAt, record);
    }
}

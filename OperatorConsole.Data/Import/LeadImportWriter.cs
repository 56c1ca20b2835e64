using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Import;

/// <summary>Counts so far; handed to the progress callback after every batch.</summary>
public sealed record ImportProgress(int Processed, int Created, int Updated, int Skipped, IReadOnlyList<ImportRowError> Errors);

/// <summary>What an accounts file did: accounts created, accounts changed, rows refused.</summary>
public sealed record AccountImportResult(int Created, int Updated, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Writes mapped rows as leads, in batches (new rows as prepared plain INSERTs, see <see cref="PreparedWrites"/>). Duplicate checks run against keys preloaded once (no query per
/// row). A batch is one transaction; if the database refuses it, the batch is replayed row by row so that only
/// the offending rows are reported and every good row is still written — a bad row never aborts the import
/// and never leaves half a lead behind.
/// </summary>
public sealed class LeadImportWriter(IDbContextFactory<ConsoleDbContext> dbFactory, IConsoleChangeSink changes)
{
    /// <summary>The outcome reason of a proposal the import wrote from a file's won or lost deal: the file gives none.</summary>
    public const string ImportedOutcomeReason = "Imported deal outcome";

    /// <summary>A row to write: a new lead (<paramref name="ExistingId"/> null) or the stored lead it updates.</summary>
    private sealed record Pending(int Row, ImportedLead Lead, int? ExistingId);

    /// <summary>What a batch links its leads to: the company's account and the package the deal was sold on, by name.</summary>
    private sealed record Links(Func<string?, (int Id, string Name)?> Account, Func<ImportedPackage?, int?> Package);

    public async Task<ImportProgress> WriteAsync(
        IReadOnlyList<SourceRow> rows,
        DuplicateMode mode,
        Actor actor,
        DateTime now,
        Func<ImportProgress, Task>? onBatch = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var known = await KnownKeys.LoadAsync(db, ct);
        var tally = new Tally();
        var batch = new List<Pending>(ImportRules.BatchSize);

        async Task FlushAsync()
        {
            if (batch.Count > 0)
            {
                var (created, updated) = await WriteBatchAsync(db, batch, known, actor, now, tally.Errors, ct);
                tally.Created += created;
                tally.Updated += updated;
                batch.Clear();
            }

            if (onBatch is not null)
            {
                await onBatch(tally.ToProgress());
            }
        }

        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            tally.Processed++;
            if (Triage(row, known, mode, tally) is { } pending)
            {
                batch.Add(pending);
            }

            if (tally.Processed % ImportRules.BatchSize == 0)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        return tally.ToProgress();
    }

    /// <summary>
    /// What becomes of one row before anything is written: refused (its errors, or a twin earlier in the file),
    /// skipped (it exists and the operator chose Skip), or written as new or as an update of the lead it matches.
    /// </summary>
    private static Pending? Triage(SourceRow source, KnownKeys known, DuplicateMode mode, Tally tally)
    {
        var (rowNumber, result, _) = source;
        if (!result.IsValid)
        {
            tally.Errors.Add(new ImportRowError(rowNumber, null, string.Join(" ", result.Errors)));
            return null;
        }

        var lead = result.Lead!;
        var external = DuplicateKeys.External(lead.ExternalId);
        var key = external is not null ? "x:" + external : "n:" + DuplicateKeys.Natural(lead.Company, lead.Title);
        if (!known.SeenInFile.TryAdd(key, rowNumber))
        {
            tally.Errors.Add(new ImportRowError(rowNumber, external ?? lead.Title, $"Same lead as row {known.SeenInFile[key]} of this file; the first one was kept."));
            return null;
        }

        var existing = known.ExistingId(lead, external);
        if (existing is not null && mode == DuplicateMode.Skip)
        {
            tally.Skipped++;
            return null;
        }

        return new Pending(rowNumber, lead, existing);
    }

    private async Task<(int Created, int Updated)> WriteBatchAsync(
        ConsoleDbContext db, List<Pending> batch, KnownKeys known, Actor actor, DateTime now, List<ImportRowError> errors, CancellationToken ct)
    {
        try
        {
            return await SaveAsync(db, batch, known, actor, now, ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            db.ChangeTracker.Clear();
        }

        // The database refused the batch: find the rows it refuses, one at a time, and keep the rest.
        int created = 0, updated = 0;
        foreach (var item in batch)
        {
            try
            {
                var (c, u) = await SaveAsync(db, [item], known, actor, now, ct);
                created += c;
                updated += u;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
            {
                db.ChangeTracker.Clear();
                errors.Add(new ImportRowError(item.Row, item.Lead.ExternalId ?? item.Lead.Title,
                    "The database refused this row: " + (ex.InnerException?.Message ?? ex.Message)));
            }
        }

        return (created, updated);
    }

    /// <summary>
    /// One batch in one transaction: the accounts its companies need and the packages its deals were sold on, its new
    /// leads with their history and won or lost proposals, then its updates. The accounts and packages become known to
    /// later batches only once it committed.
    /// </summary>
    private async Task<(int Created, int Updated)> SaveAsync(
        ConsoleDbContext db, IReadOnlyList<Pending> items, KnownKeys known, Actor actor, DateTime now, CancellationToken ct)
    {
        var (accounts, packages) = (known.Accounts, known.Packages);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var batchAccounts = await AddMissingAccountsAsync(db, items, accounts, now, ct);
        var batchPackages = await AddMissingPackagesAsync(db, items, packages, actor, now, ct);
        var links = new Links(
            company => AccountRules.NameKey(company) is { } key
                ? (batchAccounts.TryGetValue(key, out var a) || accounts.TryGetValue(key, out a) ? a : null)
                : null,
            package => package is not null && ServicePackageRules.NameKey(package.Name) is var key
                && (batchPackages.TryGetValue(key, out var id) || packages.TryGetValue(key, out id)) ? id : null);

        var inserted = await InsertNewLeadsAsync(db, items.Where(i => i.ExistingId is null).ToList(), links, actor, ct);
        var updated = await ApplyUpdatesAsync(db, items.Where(i => i.ExistingId is not null).ToList(), links, actor, now, ct);

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        // Only now are the new accounts real (a refused batch rolls them back and is replayed row by row).
        foreach (var (key, account) in batchAccounts)
        {
            accounts[key] = account;
        }

        foreach (var (key, package) in batchPackages)
        {
            packages[key] = package;
        }

        if (inserted.HistoryRows > 0)
        {
            // The plain inserts bypass the SaveChanges interceptor: tell the open screens ourselves.
            changes.Publish(inserted.Proposals > 0
                ? [new ConsoleChange(nameof(Lead)), new ConsoleChange(nameof(LeadStatusChange)), new ConsoleChange(nameof(Proposal))]
                : [new ConsoleChange(nameof(Lead)), new ConsoleChange(nameof(LeadStatusChange))]);
        }

        return (inserted.Leads, updated);
    }

    /// <summary>Companies without an account get one first, in the batch's transaction, so every deal is linked.</summary>
    private static async Task<Dictionary<string, (int Id, string Name)>> AddMissingAccountsAsync(
        ConsoleDbContext db, IReadOnlyList<Pending> items, Dictionary<string, (int Id, string Name)> accounts, DateTime now, CancellationToken ct)
    {
        var newAccounts = items.Select(i => i.Lead.Company).Select(c => (Name: AccountRules.CleanName(c), Key: AccountRules.NameKey(c)))
            .Where(a => a.Key is not null && !accounts.ContainsKey(a.Key))
            .DistinctBy(a => a.Key)
            .Select(a => AccountLinks.NewAccount(a.Name!, a.Key!, now))
            .ToList();
        if (newAccounts.Count > 0)
        {
            db.AddRange(newAccounts);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        return newAccounts.ToDictionary(a => a.NameKey, a => (a.Id, a.Name), StringComparer.Ordinal);
    }

    /// <summary>
    /// A CRM's products become service packages (ADR 235): a product no package is named after (spaces and case
    /// ignored) gets one, at the file's list price, in the batch's transaction, each one audited as made by the
    /// import's operator. An existing package is linked as it is: the import never edits a package.
    /// </summary>
    private static async Task<Dictionary<string, int>> AddMissingPackagesAsync(
        ConsoleDbContext db, IReadOnlyList<Pending> items, Dictionary<string, int> packages, Actor actor, DateTime now, CancellationToken ct)
    {
        var newPackages = items.Select(i => i.Lead.Package).OfType<ImportedPackage>()
            .DistinctBy(p => ServicePackageRules.NameKey(p.Name))
            .Where(p => !packages.ContainsKey(ServicePackageRules.NameKey(p.Name)))
            .Select(p => new ServicePackage { Name = p.Name, PriceMin = p.Price, PriceMax = p.Price, CreatedAt = now, UpdatedAt = now })
            .ToList();
        if (newPackages.Count == 0)
        {
            return [];
        }

        db.AddRange(newPackages);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        foreach (var package in newPackages)
        {
            db.Audit(actor, now, "service_package.created", "service_package", package.Id,
                $"Created service package \"{package.Name}\" from an imported product, at its list price",
                after: new { package.Name, package.PriceMin, package.PriceMax, package.Currency });
        }

        return newPackages.ToDictionary(p => ServicePackageRules.NameKey(p.Name), p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>New leads first (their ids are needed), then their history and proposals.</summary>
    private static async Task<(int Leads, int HistoryRows, int Proposals)> InsertNewLeadsAsync(
        ConsoleDbContext db, IReadOnlyList<Pending> items, Links links, Actor actor, CancellationToken ct)
    {
        var fresh = items.Select(item => (Lead: Linked(NewLead(item.Lead), item.Lead, links), Row: item.Lead)).ToList();
        if (db.Database.IsSqlite())
        {
            // SQLite: plain prepared INSERT … RETURNING per lead (EF sends one command per row there anyway, with
            // tracking and fix-up on top). Other providers batch well through SaveChanges.
            await PreparedWrites.InsertReturningKeysAsync(db, fresh.Select(f => f.Lead).ToList(), ct);
        }
        else
        {
            db.AddRange(fresh.Select(f => f.Lead));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        var history = fresh.SelectMany(f => History(f.Lead, f.Row, actor)).ToList();
        var proposals = fresh.Where(f => f.Row.Outcome is not null).Select(f => NewProposal(f.Lead, f.Row.Outcome!, actor)).ToList();
        await PreparedWrites.InsertAsync(db, history, ct);
        await PreparedWrites.InsertAsync(db, proposals, ct);
        return (fresh.Count, history.Count, proposals.Count);
    }

    /// <summary>Update mode: the stored leads the rows match take the file's values (saved with the batch).</summary>
    private static async Task<int> ApplyUpdatesAsync(
        ConsoleDbContext db, IReadOnlyList<Pending> items, Links links, Actor actor, DateTime now, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        var ids = items.Select(u => u.ExistingId!.Value).ToList();
        var existing = await db.Set<Lead>().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        foreach (var item in items)
        {
            if (existing.TryGetValue(item.ExistingId!.Value, out var lead))
            {
                Apply(db, lead, item.Lead, actor, now);
                Linked(lead, item.Lead, links);
            }
        }

        return items.Count;
    }

    /// <summary>
    /// A lead linked to its company's account takes the account's spelling of the name; a deal sold on a product is
    /// linked to its package (an update without one keeps the package it had).
    /// </summary>
    private static Lead Linked(Lead lead, ImportedLead row, Links links)
    {
        if (links.Account(row.Company) is { } a)
        {
            lead.AccountId = a.Id;
            lead.Company = a.Name;
        }

        lead.ServicePackageId = links.Package(row.Package) ?? lead.ServicePackageId;
        return lead;
    }

    /// <summary>The leads and accounts already stored, by duplicate key, loaded once per import (no query per row).</summary>
    private sealed class KnownKeys
    {
        private readonly Dictionary<string, int> _byExternal = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byNatural = new(StringComparer.Ordinal);

        private KnownKeys(Dictionary<string, (int Id, string Name)> accounts, Dictionary<string, int> packages) => (Accounts, Packages) = (accounts, packages);

        /// <summary>Accounts by name key; a batch adds the accounts it created once it committed.</summary>
        public Dictionary<string, (int Id, string Name)> Accounts { get; }

        /// <summary>Package ids by name key (a live package before an archived one of the same name); a batch adds the packages it created once it committed.</summary>
        public Dictionary<string, int> Packages { get; }

        /// <summary>The first row of this file with each key: a later twin is refused, naming it.</summary>
        public Dictionary<string, int> SeenInFile { get; } = new(StringComparer.Ordinal);

        public static async Task<KnownKeys> LoadAsync(ConsoleDbContext db, CancellationToken ct)
        {
            var accounts = await db.Set<Account>().AsNoTracking().Select(a => new { a.NameKey, a.Id, a.Name })
                .ToDictionaryAsync(a => a.NameKey, a => (a.Id, a.Name), StringComparer.Ordinal, ct);
            var packages = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in await db.Set<ServicePackage>().AsNoTracking().OrderBy(p => p.IsArchived).ThenBy(p => p.Id).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                packages.TryAdd(ServicePackageRules.NameKey(p.Name), p.Id);
            }

            var known = new KnownKeys(accounts, packages);
            await foreach (var lead in db.Set<Lead>().AsNoTracking().Select(l => new { l.Id, l.ExternalId, l.Company, l.Title }).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (DuplicateKeys.External(lead.ExternalId) is { } ext)
                {
                    known._byExternal.TryAdd(ext, lead.Id);
                }

                known._byNatural.TryAdd(DuplicateKeys.Natural(lead.Company, lead.Title), lead.Id);
            }

            return known;
        }

        /// <summary>A row with an external id matches on it alone; company + title is the fallback for rows without one.</summary>
        public int? ExistingId(ImportedLead lead, string? external) => external is not null
            ? (_byExternal.TryGetValue(external, out var id) ? id : null)
            : (_byNatural.TryGetValue(DuplicateKeys.Natural(lead.Company, lead.Title), out var nid) ? nid : null);
    }

    /// <summary>An import's counts so far.</summary>
    private sealed class Tally
    {
        public int Processed { get; set; }

        public int Created { get; set; }

        public int Updated { get; set; }

        public int Skipped { get; set; }

        public List<ImportRowError> Errors { get; } = [];

        public ImportProgress ToProgress() => new(Processed, Created, Updated, Skipped, Errors);
    }

    /// <summary>
    /// An accounts file, before its deals: a new name is a new account; a known one (case and spacing ignored) gets
    /// the file's values — all of them in update mode, only its empty fields in skip mode (an account created from a
    /// deal's company text has nothing but a name, and the accounts file is where the rest comes from). Parents are
    /// linked once every row is in, in the same transaction, since a parent may come after its subsidiary.
    /// </summary>
    public async Task<AccountImportResult> WriteAccountsAsync(IReadOnlyList<AccountSourceRow> rows, DuplicateMode mode, DateTime now, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        int created = 0, updated = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var existing = await db.Set<Account>().ToDictionaryAsync(a => a.NameKey, StringComparer.Ordinal, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parents = new List<(int Row, Account Account, string Parent)>();
        var written = new HashSet<Account>();
        foreach (var (row, result) in rows)
        {
            if (!result.IsValid)
            {
                errors.Add(new ImportRowError(row, null, "Accounts file: " + string.Join(" ", result.Errors)));
                continue;
            }

            var input = result.Account!;
            var key = AccountRules.NameKey(input.Name)!;
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new ImportRowError(row, input.Name, $"Accounts file: same account as row {first}; the first one was kept."));
                continue;
            }

            seen[key] = row;
            if (existing.TryGetValue(key, out var account))
            {
                if (Fill(account, input, overwrite: mode == DuplicateMode.Update))
                {
                    account.UpdatedAt = now;
                    written.Add(account);
                    updated++;
                }
            }
            else
            {
                account = AccountLinks.NewAccount(input.Name, key, now);
                Fill(account, input, overwrite: true);
                db.Add(account);
                existing[key] = account;
                written.Add(account);
                created++;
            }

            if (input.Parent is not null && (mode == DuplicateMode.Update || account.ParentAccountId is null))
            {
                parents.Add((row, account, input.Parent));
            }
        }

        await db.SaveChangesAsync(ct);
        var (parentErrors, linked) = LinkParents(parents, existing, now);
        errors.AddRange(parentErrors);
        // A known account whose only change is its parent is an updated account too.
        updated += linked.Count(a => !written.Contains(a));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AccountImportResult(created, updated, errors.OrderBy(e => e.Row).ToList());
    }

    /// <summary>
    /// Each named parent found by name among the accounts (the file's and the console's); a parent that is not an
    /// account, or that would make a loop, is reported on its row and the account is kept without it.
    /// </summary>
    private static (List<ImportRowError> Errors, List<Account> Linked) LinkParents(
        List<(int Row, Account Account, string Parent)> parents, Dictionary<string, Account> byKey, DateTime now)
    {
        var (errors, linked) = (new List<ImportRowError>(), new List<Account>());
        var byId = byKey.Values.ToDictionary(a => a.Id);
        foreach (var (row, account, parentName) in parents)
        {
            if (!byKey.TryGetValue(AccountRules.NameKey(parentName)!, out var parent))
            {
                errors.Add(new ImportRowError(row, account.Name, $"Accounts file: parent \"{parentName}\" is not an account in the file or the console; saved without a parent."));
            }
            else if (AccountRules.ParentError(account.Id, parent.Id, id => byId.TryGetValue(id, out var a) ? a.ParentAccountId : null) is { } loop)
            {
                errors.Add(new ImportRowError(row, account.Name, $"Accounts file: parent \"{parentName}\" not linked. {loop}"));
            }
            else if (account.ParentAccountId != parent.Id)
            {
                account.ParentAccountId = parent.Id;
                account.UpdatedAt = now;
                linked.Add(account);
            }
        }

        return (errors, linked);
    }

    /// <summary>
    /// Copies the file's account fields onto <paramref name="account"/>: every given one when overwriting, else only
    /// into empty fields. Returns whether anything changed.
    /// </summary>
    private static bool Fill(Account account, ImportedAccount input, bool overwrite)
    {
        var changed = false;
        void Set<T>(Func<Account, T?> get, Action<Account, T?> set, T? value)
        {
            if (value is not null && (overwrite || get(account) is null) && !Equals(get(account), value))
            {
                set(account, value);
                changed = true;
            }
        }

        Set(a => a.Sector, (a, v) => a.Sector = v, input.Sector);
        Set(a => a.Employees, (a, v) => a.Employees = v, input.Employees);
        Set(a => a.Revenue, (a, v) => a.Revenue = v, input.Revenue);
        Set(a => a.Website, (a, v) => a.Website = v, input.Website);
        Set(a => a.Country, (a, v) => a.Country = v, input.Country);
        Set(a => a.YearEstablished, (a, v) => a.YearEstablished = v, input.YearEstablished);
        Set(a => a.Notes, (a, v) => a.Notes = v, input.Notes);
        return changed;
    }

    private static Lead NewLead(ImportedLead row) => new()
        {
            Title = row.Title,
            Company = row.Company,
            ContactName = row.ContactName,
            ContactEmail = row.ContactEmail,
            Owner = row.Owner,
            Source = row.Source,
            EstimatedValue = row.EstimatedValue,
            ExternalId = DuplicateKeys.External(row.ExternalId),
            OfferType = row.OfferType,
            ExpectedCloseOn = row.ExpectedCloseOn,
            Status = row.Status,
            CreatedAt = row.CreatedAt,
            CreatedAtEstimated = row.CreatedAtEstimated,
            UpdatedAt = row.StatusChangedAt,
            StatusChangedAt = row.StatusChangedAt,
            StatusImported = true,
        };

    private static IEnumerable<LeadStatusChange> History(Lead lead, ImportedLead row, Actor actor)
    {
        LeadStatus? from = null;
        foreach (var step in row.History)
        {
            yield return new LeadStatusChange
            {
                LeadId = lead.Id,
                FromStatus = from,
                ToStatus = step.Status,
                ChangedAt = step.At,
                ActorKind = actor.Kind,
                ActorId = actor.Id,
                ActorName = actor.DisplayName,
                Reason = from is null ? $"Imported ({row.Source ?? "CSV"})" : "Imported history",
                Imported = true,
            };
            from = step.Status;
        }
    }

    private static Proposal NewProposal(Lead lead, ImportedOutcome outcome, Actor actor) => new()
    {
        LeadId = lead.Id,
        Title = lead.Title.Length > 200 ? lead.Title[..200] : lead.Title,
        Status = ProposalStatus.Closed,
        Amount = outcome.Amount,
        CreatedAt = lead.CreatedAt,
        UpdatedAt = outcome.At,
        Outcome = outcome.Outcome,
        OutcomeAt = outcome.At,
        OutcomeValue = outcome.Value,
        // The file's lost reason when it gives one ("Why do we lose deals?" reads it), else the mark of an import.
        OutcomeReason = outcome.Reason ?? ImportedOutcomeReason,
        CreatedByKind = actor.Kind,
        CreatedById = actor.Id,
        CreatedByName = actor.DisplayName,
    };

    /// <summary>Update mode: the file wins for the fields it carries; a new stage is a status change recorded now.</summary>
    private static void Apply(ConsoleDbContext db, Lead lead, ImportedLead row, Actor actor, DateTime now)
    {
        lead.Title = row.Title;
        lead.Company = row.Company ?? lead.Company;
        lead.ContactName = row.ContactName ?? lead.ContactName;
        lead.ContactEmail = row.ContactEmail ?? lead.ContactEmail;
        lead.Source = row.Source ?? lead.Source;
        lead.Owner = row.Owner ?? lead.Owner;
        lead.EstimatedValue = row.EstimatedValue ?? lead.EstimatedValue;
        lead.OfferType = row.OfferType ?? lead.OfferType;
        lead.ExpectedCloseOn = row.ExpectedCloseOn ?? lead.ExpectedCloseOn;
        lead.UpdatedAt = now;
        if (lead.Status != row.Status)
        {
            LeadService.ApplyStatus(db, lead, row.Status, now, actor, "Updated by import", imported: true);
        }
    }
}


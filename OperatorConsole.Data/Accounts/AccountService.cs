using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Packages;
using OperatorConsole.Data.Results;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Accounts;

/// <summary>
/// Accounts (companies) and what their deals add up to. Rows are computed in a few set-based queries (accounts,
/// deal counts per account and stage, won proposals, the Results Ledger of client deals) and ranked in memory,
/// because "worst first" needs the computed ledger; then one page is cut (<see cref="PageRequest"/>), so the
/// order is over every account, never over one page. Edits are audited.
/// </summary>
public sealed class AccountService(
    IDbContextFactory<ConsoleDbContext> dbFactory, ClientSuccessService clients, SettingsService settings, ServicePackageService packages, TimeProvider time)
{
    public static readonly IReadOnlyList<string> SortKeys =
        ["worst", "name", "-name", "wonValue", "-wonValue", "deals", "-deals", "openDeals", "-openDeals", "lastTouchAt", "-lastTouchAt", "winRate", "-winRate"];

    public async Task<PagedList<AccountRow>> ListAsync(AccountListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        var (rows, _, _) = await ComputeAsync(query, null, ct);
        return new PagedList<AccountRow>(rows.Skip(paging.Skip).Take(paging.PageSize).ToList(), rows.Count, paging.Page, paging.PageSize);
    }

    /// <summary>Every row the query matches, unpaged (the chat reads all accounts, as the Clients page counts them).</summary>
    public async Task<IReadOnlyList<AccountRow>> AllAsync(AccountListQuery query, CancellationToken ct = default) =>
        (await ComputeAsync(query, null, ct)).Rows;

    /// <summary>Every account and the totals over every deal, from one computation (the chat's accounts with open deals).</summary>
    public async Task<(IReadOnlyList<AccountRow> Rows, AccountsSummary Summary)> AllWithSummaryAsync(CancellationToken ct = default)
    {
        var (rows, summary, _) = await ComputeAsync(new AccountListQuery(), null, ct);
        return (rows, summary);
    }

    /// <summary>Totals over every deal and account, for the header of /clients (and GET /api/accounts/summary).</summary>
    public async Task<AccountsSummary> SummaryAsync(CancellationToken ct = default) => (await ComputeAsync(new AccountListQuery(), null, ct)).Summary;

    public async Task<AccountDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<Account>().AsNoTracking().Include(a => a.Parent).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return null;
        }

        // The ledger rows the account's totals were computed from: its results, without reading every client's again.
        // Its group's rows in the same computation, for the roll-up.
        var below = await DescendantsAsync(db, id, ct);
        var (rows, _, ledger) = await ComputeAsync(new AccountListQuery(), [id, .. below], ct);
        var results = ledger[id]
            .OrderBy(ClientSuccessService.Severity)
            .ThenByDescending(r => r.StatusChangedAt)
            .ToList();
        var touches = await db.Set<Touch>().AsNoTracking()
            .Join(db.Set<Lead>().Where(l => l.AccountId == id), t => t.LeadId, l => l.Id, (t, l) => new { t, l.Title })
            .OrderByDescending(x => x.t.OccurredAt).ThenByDescending(x => x.t.Id)
            .Take(50)
            .Select(x => new AccountTouchView(x.t.Id, x.t.LeadId, x.Title, x.t.Channel, x.t.Direction, x.t.Summary, x.t.OccurredAt, x.t.ActorName))
            .ToListAsync(ct);
        var subsidiaries = await db.Set<Account>().AsNoTracking().Where(a => a.ParentAccountId == id)
            .OrderBy(a => a.Name).Select(a => new AccountOption(a.Id, a.Name)).ToListAsync(ct);
        return new AccountDetail(ToView(account), rows.Single(r => r.Id == id), results, touches, await packages.SoldAsync(id, ct), subsidiaries,
            below.Count == 0 ? null : GroupOf(rows));
    }

    /// <summary>
    /// The account's group added up (null when nothing is below it), without the rest of its page: the chat asks for
    /// this alone, and the page's touches, results and purchases are not needed for it.
    /// </summary>
    public async Task<AccountGroupTotals?> GroupAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var below = await DescendantsAsync(db, id, ct);
        return below.Count == 0 ? null : GroupOf((await ComputeAsync(new AccountListQuery(), [id, .. below], ct)).Rows);
    }

    /// <summary>
    /// Every account below this one, at any depth. A parent is never the account itself nor below it (the update refuses
    /// it), so the walk ends; the ids seen are kept anyway, so a loop written into the database directly ends it too.
    /// </summary>
    private static async Task<IReadOnlyList<int>> DescendantsAsync(ConsoleDbContext db, int id, CancellationToken ct)
    {
        var children = (await db.Set<Account>().AsNoTracking().Where(a => a.ParentAccountId != null)
            .Select(a => new { a.Id, Parent = a.ParentAccountId!.Value }).ToListAsync(ct)).ToLookup(a => a.Parent, a => a.Id);
        var seen = new HashSet<int> { id };
        var below = new List<int>();
        var next = new Queue<int>([id]);
        while (next.TryDequeue(out var parent))
        {
            foreach (var child in children[parent].Where(seen.Add))
            {
                below.Add(child);
                next.Enqueue(child);
            }
        }

        return below;
    }

    private static AccountGroupTotals GroupOf(IReadOnlyList<AccountRow> rows)
    {
        var (won, lost) = (rows.Sum(r => r.WonDeals), rows.Sum(r => r.LostDeals));
        return new AccountGroupTotals(rows.Count, rows.Sum(r => r.Deals), rows.Sum(r => r.OpenDeals), won, lost, rows.Sum(r => r.WonValue),
            won + lost == 0 ? null : Math.Round((decimal)won / (won + lost), 4));
    }

    /// <summary>The account record alone (no totals): for labels and links.</summary>
    public async Task<AccountView?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<Account>().AsNoTracking().Include(a => a.Parent).FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is null ? null : ToView(account);
    }

    /// <summary>Accounts whose name contains <paramref name="q"/> (the leads filter and the lead form pick from these).</summary>
    public async Task<IReadOnlyList<AccountOption>> SearchAsync(string? q, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = db.Set<Account>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            accounts = accounts.Where(a => EF.Functions.Like(a.Name, LikePattern.Contains(q), LikePattern.Escape));
        }

        return await accounts.OrderBy(a => a.Name).Take(Math.Clamp(take, 1, 100)).Select(a => new AccountOption(a.Id, a.Name)).ToListAsync(ct);
    }

    public async Task<OperationResult<AccountView>> CreateAsync(CreateAccountRequest request, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = AccountRules.Validate(request.ToFields(), nameRequired: true, now.Year);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = await ParentAsync(db, 0, request.ParentAccountId, errors, ct);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AccountView>();
        }

        var key = AccountRules.NameKey(request.Name)!;
        if (await db.Set<Account>().Where(a => a.NameKey == key).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return OperationResult<AccountView>.Conflict($"Account {existing} already has this name (case and spacing ignored).");
        }

        var account = AccountLinks.NewAccount(AccountRules.CleanName(request.Name)!, key, now);
        account.Sector = TextInput.Clean(request.Sector);
        account.Employees = request.Employees;
        account.Revenue = request.Revenue;
        account.Website = AccountRules.NormalizeWebsite(request.Website);
        account.Notes = TextInput.Clean(request.Notes);
        account.Country = TextInput.Clean(request.Country);
        account.YearEstablished = request.YearEstablished;
        account.Parent = parent;
        db.Add(account);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "account.created", "account", account.Id, $"Created account \"{account.Name}\"", after: ToView(account)), ct);
        return OperationResult<AccountView>.Created(ToView(account));
    }

    public async Task<OperationResult<AccountView>> UpdateAsync(int id, UpdateAccountRequest request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Set<Account>().Include(a => a.Parent).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null)
        {
            return OperationResult<AccountView>.NotFound($"Account {id} does not exist.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = AccountRules.Validate(request.ToFields(), nameRequired: false, now.Year);
        // 0 removes the parent; any other id must be an account that is not this one nor below it.
        var parent = request.ParentAccountId is null or 0 ? null : await ParentAsync(db, id, request.ParentAccountId, errors, ct);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AccountView>();
        }

        var before = ToView(account);
        var renamed = false;
        if (request.Name is not null && AccountRules.CleanName(request.Name) != account.Name)
        {
            var key = AccountRules.NameKey(request.Name)!;
            if (key != account.NameKey && await db.Set<Account>().Where(a => a.NameKey == key).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct) is { } other)
            {
                return OperationResult<AccountView>.Conflict($"Account {other} already has this name (case and spacing ignored).");
            }

            account.Name = AccountRules.CleanName(request.Name)!;
            account.NameKey = key;
            renamed = true;
        }

        account.Sector = request.Sector is null ? account.Sector : TextInput.Clean(request.Sector);
        account.Employees = request.Employees ?? account.Employees;
        account.Revenue = request.Revenue ?? account.Revenue;
        account.Website = request.Website is null ? account.Website : AccountRules.NormalizeWebsite(request.Website);
        account.Notes = request.Notes is null ? account.Notes : TextInput.Clean(request.Notes);
        account.Country = request.Country is null ? account.Country : TextInput.Clean(request.Country);
        account.YearEstablished = request.YearEstablished ?? account.YearEstablished;
        if (request.ParentAccountId is not null)
        {
            account.Parent = parent;
            account.ParentAccountId = parent?.Id;
        }

        account.UpdatedAt = now;
        var after = ToView(account);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        db.Audit(actor, now, "account.updated", "account", account.Id, renamed ? $"Renamed account \"{before.Name}\" → \"{account.Name}\"" : $"Edited account \"{account.Name}\"",
            before: before, after: after);
        await db.SaveChangesAsync(ct);
        if (renamed)
        {
            // The company text on its deals follows the account, so lists, search and exports say the same name.
            var name = account.Name;
            await db.Set<Lead>().Where(l => l.AccountId == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, name), ct);
        }

        await tx.CommitAsync(ct);
        return OperationResult<AccountView>.Ok(after);
    }

    /// <summary>
    /// The parent a create (<paramref name="accountId"/> 0) or an edit names, or null with the reason under
    /// <c>parentAccountId</c> when it does not exist or would make a loop (<see cref="AccountRules.ParentError"/>).
    /// </summary>
    private static async Task<Account?> ParentAsync(ConsoleDbContext db, int accountId, int? parentId, ValidationErrors errors, CancellationToken ct)
    {
        if (parentId is not { } wanted)
        {
            return null;
        }

        var parent = await db.Set<Account>().FirstOrDefaultAsync(a => a.Id == wanted, ct);
        if (parent is null)
        {
            errors.Add("parentAccountId", $"Account {wanted} does not exist.");
            return null;
        }

        // Accounts are few (a CRM's companies, not its deals): the whole parent map reads in one small query.
        var parents = await db.Set<Account>().AsNoTracking().Where(a => a.ParentAccountId != null)
            .ToDictionaryAsync(a => a.Id, a => a.ParentAccountId, ct);
        if (AccountRules.ParentError(accountId, wanted, id => parents.GetValueOrDefault(id)) is { } loop)
        {
            errors.Add("parentAccountId", loop);
            return null;
        }

        return parent;
    }

    /// <summary>
    /// Rows for every account the query keeps (or only the accounts <paramref name="onlyIds"/>), ranked by the query's sort,
    /// with the Results Ledger rows of client deals by account they were computed from.
    /// </summary>
    private async Task<(IReadOnlyList<AccountRow> Rows, AccountsSummary Summary, ILookup<int, ClientRow> Ledger)> ComputeAsync(AccountListQuery query, IReadOnlyCollection<int>? onlyIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await Filtered(db, query, onlyIds)
            .Select(a => new AccountBasics(a.Id, a.Name, a.Sector, a.Employees, a.Revenue, a.Website, a.Country))
            .ToListAsync(ct);
        var facts = await LoadFactsAsync(db, ct);
        var rows = accounts.Select(a => RowOf(a, facts));
        if (query.ClientsOnly)
        {
            rows = rows.Where(r => r.WonDeals > 0);
        }

        return (Sort(rows, query.Sort).ToList(), Summarise(accounts, facts), facts.LedgerByAccount);
    }

    private sealed record AccountBasics(int Id, string Name, string? Sector, int? Employees, decimal? Revenue, string? Website, string? Country);

    /// <summary>
    /// Deals per account and stage (not archived), split by whether the stage came from an import (ADR 221), with the
    /// newest touch and the first deal's creation.
    /// </summary>
    private sealed record StageCount(int? AccountId, LeadStatus Status, bool Imported, int Count, DateTime? LastTouch, DateTime? FirstCreated);

    private sealed record WonProposal(int? AccountId, decimal? OutcomeValue, decimal? Amount)
    {
        public decimal Value => OutcomeValue ?? Amount ?? 0m;
    }

    /// <summary>What the rows are computed from, read once for all accounts.</summary>
    private sealed record AccountFacts(
        IReadOnlyList<StageCount> StageCounts, IReadOnlyList<WonProposal> WonProposals, ILookup<int, StageCount> CountsByAccount,
        Dictionary<int, decimal> WonByAccount, ILookup<int, ClientRow> LedgerByAccount);

    private static IQueryable<Account> Filtered(ConsoleDbContext db, AccountListQuery query, IReadOnlyCollection<int>? onlyIds)
    {
        var accountsQuery = db.Set<Account>().AsNoTracking();
        if (onlyIds is not null)
        {
            accountsQuery = accountsQuery.Where(a => onlyIds.Contains(a.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            accountsQuery = accountsQuery.Where(a => EF.Functions.Like(a.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(a.Sector!, pattern, LikePattern.Escape) || EF.Functions.Like(a.Country!, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(query.Sector))
        {
            var sector = query.Sector.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() runs in the database as LOWER(); the process culture plays no part.
            accountsQuery = accountsQuery.Where(a => a.Sector != null && a.Sector.ToLower() == sector);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = query.Country.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // As the sector: LOWER() in the database.
            accountsQuery = accountsQuery.Where(a => a.Country != null && a.Country.ToLower() == country);
#pragma warning restore CA1304, CA1311, CA1862
        }

        return accountsQuery;
    }

    private async Task<AccountFacts> LoadFactsAsync(ConsoleDbContext db, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var stageCounts = await leads
            .GroupBy(l => new { l.AccountId, l.Status, l.StatusImported })
            .Select(g => new StageCount(g.Key.AccountId, g.Key.Status, g.Key.StatusImported, g.Count(), g.Max(l => l.LastContactAt),
                // An undated deal's date is an import's stand-in, not when the account's first deal came in.
                g.Min(l => l.CreatedAtEstimated ? null : (DateTime?)l.CreatedAt)))
            .ToListAsync(ct);
        // Decimal sums do not translate on SQLite; won proposals are one small row each.
        var wonProposals = await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.Outcome == ProposalOutcome.Won)
            .Join(leads, p => p.LeadId, l => l.Id, (p, l) => new WonProposal(l.AccountId, p.OutcomeValue, p.Amount))
            .ToListAsync(ct);
        var thresholds = await settings.GetThresholdsAsync(ct);
        var ledger = await clients.ClientRowsAsync(time.GetUtcNow().UtcDateTime, thresholds.ResultUnmeasuredDays, null, null, ct);
        var accountOfLead = await leads.Where(l => l.AccountId != null && (l.Status == LeadStatus.Approved || l.Status == LeadStatus.Building || l.Status == LeadStatus.Shipped))
            .Select(l => new { l.Id, AccountId = l.AccountId!.Value })
            .ToDictionaryAsync(l => l.Id, l => l.AccountId, ct);

        return new AccountFacts(
            stageCounts,
            wonProposals,
            stageCounts.Where(c => c.AccountId is not null).ToLookup(c => c.AccountId!.Value),
            wonProposals.Where(w => w.AccountId is not null).GroupBy(w => w.AccountId!.Value).ToDictionary(g => g.Key, g => g.Sum(w => w.Value)),
            ledger.Where(r => accountOfLead.ContainsKey(r.LeadId)).ToLookup(r => accountOfLead[r.LeadId]));
    }

    private static AccountRow RowOf(AccountBasics a, AccountFacts facts)
    {
        var counts = facts.CountsByAccount[a.Id].ToList();
        int Count(Func<LeadStatus, bool> stage) => counts.Where(c => stage(c.Status)).Sum(c => c.Count);
        var won = Count(s => s.IsClient());
        var lost = Count(s => s == LeadStatus.Lost);
        var results = facts.LedgerByAccount[a.Id].ToList();
        // A won deal whose stage came from an import is a CRM's past sale, not a project the agency has on (ADR 221).
        var importedWins = counts.Where(c => c.Status == LeadStatus.Approved && c.Imported).Sum(c => c.Count);
        return new AccountRow(
            a.Id, a.Name, a.Sector, a.Employees, a.Revenue, a.Website,
            Deals: counts.Sum(c => c.Count),
            OpenDeals: Count(s => s is LeadStatus.New or LeadStatus.Qualified or LeadStatus.Proposal),
            WonDeals: won,
            LostDeals: lost,
            WonValue: facts.WonByAccount.GetValueOrDefault(a.Id),
            WinRate: won + lost == 0 ? null : Math.Round((decimal)won / (won + lost), 4),
            ActiveProjects: Count(s => s is LeadStatus.Approved or LeadStatus.Building) - importedWins,
            WithTarget: results.Count(r => r.MetricName is not null),
            OffTrack: results.Count(r => r.Flags.Contains(ResultFlag.OffTrack)),
            Unmeasured: results.Count(r => r.Flags.Contains(ResultFlag.Unmeasured)),
            // An imported win is not asked for a target (ADR 221): only the agency's own deals count as missing one.
            NoTarget: results.Count(r => r.Flags.Contains(ResultFlag.NoTarget) && !r.StatusImported),
            WorstDeltaPercent: results.Where(r => r.Delta.Percent is not null).Select(r => r.Delta.Percent).Min(),
            LastTouchAt: counts.Max(c => c.LastTouch),
            Flags: results.SelectMany(r => r.StatusImported ? r.Flags.Where(f => f != ResultFlag.NoTarget) : r.Flags).Distinct().Order().ToList(),
            FirstDealAt: counts.Min(c => c.FirstCreated),
            ImportedWins: importedWins,
            Country: a.Country);
    }

    private static AccountsSummary Summarise(List<AccountBasics> accounts, AccountFacts facts)
    {
        var stageCounts = facts.StageCounts;
        var allWon = stageCounts.Where(c => c.Status.IsClient()).Sum(c => c.Count);
        var allLost = stageCounts.Where(c => c.Status == LeadStatus.Lost).Sum(c => c.Count);
        return new AccountsSummary(
            Accounts: accounts.Count,
            ClientAccounts: accounts.Count(a => facts.CountsByAccount[a.Id].Any(c => c.Status.IsClient())),
            Deals: stageCounts.Sum(c => c.Count),
            DealsWithoutAccount: stageCounts.Where(c => c.AccountId is null).Sum(c => c.Count),
            OpenDeals: stageCounts.Where(c => c.Status is LeadStatus.New or LeadStatus.Qualified or LeadStatus.Proposal).Sum(c => c.Count),
            WonDeals: allWon,
            LostDeals: allLost,
            WonValue: facts.WonProposals.Sum(w => w.Value),
            WinRate: allWon + allLost == 0 ? null : Math.Round((decimal)allWon / (allWon + allLost), 4));
    }

    private static IEnumerable<AccountRow> Sort(IEnumerable<AccountRow> rows, string? sort) => sort switch
    {
        "name" => rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id),
        "-name" => rows.OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(r => r.Id),
        "wonValue" => rows.OrderBy(r => r.WonValue).ThenBy(r => r.Id),
        "-wonValue" => rows.OrderByDescending(r => r.WonValue).ThenBy(r => r.Id),
        "deals" => rows.OrderBy(r => r.Deals).ThenBy(r => r.Id),
        "-deals" => rows.OrderByDescending(r => r.Deals).ThenBy(r => r.Id),
        // The chat's "which accounts have open deals" links here: the accounts with the most deals still to decide.
        "openDeals" => rows.OrderBy(r => r.OpenDeals).ThenBy(r => r.Id),
        "-openDeals" => rows.OrderByDescending(r => r.OpenDeals).ThenBy(r => r.Id),
        // Never touched sorts as the oldest touch: it is the longest silence.
        "lastTouchAt" => rows.OrderBy(r => r.LastTouchAt ?? DateTime.MinValue).ThenBy(r => r.Id),
        "-lastTouchAt" => rows.OrderByDescending(r => r.LastTouchAt ?? DateTime.MinValue).ThenBy(r => r.Id),
        "winRate" => rows.OrderBy(r => r.WinRate is null).ThenBy(r => r.WinRate).ThenBy(r => r.Id),
        "-winRate" => rows.OrderBy(r => r.WinRate is null).ThenByDescending(r => r.WinRate).ThenBy(r => r.Id),
        _ => rows
            .OrderBy(r => AccountTriage.Severity(r.WonDeals, r.OffTrack, r.Unmeasured, r.NoTarget))
            .ThenByDescending(r => AccountTriage.Troubled(r.OffTrack, r.Unmeasured, r.NoTarget))
            .ThenByDescending(r => r.WonValue)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>The record as the API shows it; the caller loads <see cref="Account.Parent"/> when the account has one.</summary>
    internal static AccountView ToView(Account a) => new(
        a.Id, a.Name, a.Sector, a.Employees, a.Revenue, a.Website, a.Notes, a.CreatedAt, a.UpdatedAt,
        a.Country, a.YearEstablished, a.Parent is { } p ? new AccountOption(p.Id, p.Name) : null);
}

using OperatorConsole.Data.Packages;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Accounts;

/// <summary>
/// The account record itself (GET /api/accounts/{id} "account", POST/PATCH responses). <see cref="Parent"/> is the
/// account it is a subsidiary of, with its name for a label.
/// </summary>
public sealed record AccountView(
    int Id, string Name, string? Sector, int? Employees, decimal? Revenue, string? Website, string? Notes, DateTime CreatedAt, DateTime UpdatedAt,
    string? Country = null, int? YearEstablished = null, AccountOption? Parent = null);

/// <summary>
/// One account with what its deals add up to: a row of GET /api/accounts and of /clients. Every number is computed
/// from its deals (leads), their won proposals, touches and Results Ledger; nothing is stored on the account.
/// <see cref="ActiveProjects"/> counts deals in Building and deals approved in the console; <see cref="ImportedWins"/>
/// counts the won deals in Approved whose stage came from an import (a CRM's past sale), which are not projects (ADR 221).
/// </summary>
public sealed record AccountRow(
    int Id,
    string Name,
    string? Sector,
    int? Employees,
    decimal? Revenue,
    string? Website,
    int Deals,
    int OpenDeals,
    int WonDeals,
    int LostDeals,
    decimal WonValue,
    decimal? WinRate,
    int ActiveProjects,
    int WithTarget,
    int OffTrack,
    int Unmeasured,
    int NoTarget,
    decimal? WorstDeltaPercent,
    DateTime? LastTouchAt,
    IReadOnlyList<ResultFlag> Flags,
    DateTime? FirstDealAt = null,
    int ImportedWins = 0,
    string? Country = null);

/// <summary>Totals over every deal (with or without an account), shown above the /clients list.</summary>
public sealed record AccountsSummary(
    int Accounts,
    int ClientAccounts,
    int Deals,
    int DealsWithoutAccount,
    int OpenDeals,
    int WonDeals,
    int LostDeals,
    decimal WonValue,
    decimal? WinRate);

/// <summary>A touch on one of the account's deals.</summary>
public sealed record AccountTouchView(
    int Id, int LeadId, string LeadTitle, TouchChannel Channel, TouchDirection Direction, string? Summary, DateTime OccurredAt, string ActorName);

/// <summary>
/// GET /api/accounts/{id}: the account, its totals, what it bought (its deals by service package), the Results Ledger
/// of its client deals, its latest touches and the accounts that name it as their parent.
/// </summary>
public sealed record AccountDetail(
    AccountView Account,
    AccountRow Summary,
    IReadOnlyList<ClientRow> Results,
    IReadOnlyList<AccountTouchView> RecentTouches,
    PackageSales Purchases,
    IReadOnlyList<AccountOption> Subsidiaries,
    AccountGroupTotals? Group = null);

/// <summary>
/// A parent account's group added up: the account and every account below it (subsidiaries, theirs, …), their deals
/// and what was won, by the same rules as each account's own row (HubSpot's parent company roll-up). Null for an
/// account with no subsidiary.
/// </summary>
public sealed record AccountGroupTotals(int Accounts, int Deals, int OpenDeals, int WonDeals, int LostDeals, decimal WonValue, decimal? WinRate);

/// <summary>POST /api/accounts body.</summary>
public sealed record CreateAccountRequest(
    string? Name, string? Sector = null, int? Employees = null, decimal? Revenue = null, string? Website = null, string? Notes = null,
    string? Country = null, int? YearEstablished = null, int? ParentAccountId = null)
{
    public AccountFields ToFields() => new(Name, Sector, Employees, Revenue, Website, Notes, Country, YearEstablished);
}

/// <summary>
/// PATCH /api/accounts/{id} body: only the fields present change; a rename renames the company on its deals. A text
/// field sent empty is cleared; <see cref="ParentAccountId"/> 0 removes the parent (no account has id 0).
/// </summary>
public sealed record UpdateAccountRequest(
    string? Name = null, string? Sector = null, int? Employees = null, decimal? Revenue = null, string? Website = null, string? Notes = null,
    string? Country = null, int? YearEstablished = null, int? ParentAccountId = null)
{
    public AccountFields ToFields() => new(Name, Sector, Employees, Revenue, Website, Notes, Country, YearEstablished);
}

public sealed record AccountListQuery(
    string? Q = null,
    string? Sector = null,
    bool ClientsOnly = false,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    string? Country = null);

/// <summary>An account to pick (leads filter, lead form).</summary>
public sealed record AccountOption(int Id, string Name);

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Accounts;

/// <summary>
/// Accounts (companies) and what their deals add up to. Machines that record leads may create an account; editing
/// one (a rename renames the company on its deals) is an operator's decision and is audited.
/// </summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts").WithTags("Accounts");
        api.MapGet("/", ListAccounts).WithName("ListAccounts")
            .WithSummary("Accounts with their deals, won value, active projects, results and last touch (filters q, sector, country, clients; sort, default worst first; paging)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/summary", Summary).WithName("AccountsSummary")
            .WithSummary("Totals over every deal: accounts, deals, won deals and value, lost deals, win rate of closed deals")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetAccount).WithName("GetAccount")
            .WithSummary("One account: its record (with its parent), totals, the Results Ledger of its client deals, its latest touches and its subsidiaries (deals: GET /api/leads?accountId=)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPost("/", CreateAccount).WithName("CreateAccount")
            .WithSummary("Create an account; 409 when one with the same name (case and spacing ignored) exists")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPatch("/{id:int}", UpdateAccount).WithName("UpdateAccount")
            .WithSummary("Edit an account's fields (operator, audited); a rename renames the company on its deals; parentAccountId 0 removes the parent")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Ok<PagedList<AccountRow>>, ProblemHttpResult>> ListAccounts(
        AccountService accounts,
        CancellationToken ct,
        [FromQuery] string? q = null,
        [FromQuery] string? sector = null,
        [FromQuery] bool? clients = null,
        [FromQuery] string? sort = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null,
        [FromQuery] string? country = null)
    {
        var errors = new QueryEnum.Errors();
        errors.Sort(sort, AccountService.SortKeys);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await accounts.ListAsync(new AccountListQuery(q, sector, clients ?? false, sort, page, pageSize, country), ct));
    }

    public static async Task<Ok<AccountsSummary>> Summary(AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.SummaryAsync(ct));

    public static async Task<Results<Ok<AccountDetail>, ProblemHttpResult>> GetAccount(int id, AccountService accounts, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await accounts.GetAsync(id, ct), $"Account {id} does not exist.");

    public static async Task<Results<Created<AccountView>, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, AccountService accounts, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await accounts.CreateAsync(request, http.User.ToActor(), ct), a => $"/api/accounts/{a.Id}");

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> UpdateAccount(
        int id, UpdateAccountRequest request, AccountService accounts, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await accounts.UpdateAsync(id, request, http.User.ToActor(), ct));
}

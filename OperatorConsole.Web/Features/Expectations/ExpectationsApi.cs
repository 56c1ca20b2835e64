using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Expectations;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Expectations;

/// <summary>Expectation management (sprint 3.2): snapshots are human-only and append-only.</summary>
public static class ExpectationsApi
{
    public static IEndpointRouteBuilder MapExpectationsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads").WithTags("Expectations");
        leads.MapGet("/{id:int}/expectations", History).WithName("ListExpectationSnapshots").WithSummary("The lead's expectation snapshots, newest first, each with what changed")
            .RequireAuthorization(ConsolePolicies.Read);
        leads.MapPost("/{id:int}/expectations", AddSnapshot).WithName("AddExpectationSnapshot").WithSummary("Record a new expectation snapshot (operator; never edits an old one)")
            .RequireAuthorization(ConsolePolicies.Operator);

        var flags = app.MapGroup("/api/expectations").WithTags("Expectations");
        flags.MapGet("/risk-flags", RiskFlags).WithName("ListExpectationRiskFlags").WithSummary("The configurable risk-flag list")
            .RequireAuthorization(ConsolePolicies.Read);
        flags.MapPut("/risk-flags", SaveRiskFlags).WithName("SaveExpectationRiskFlags").WithSummary("Replace the risk-flag list (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ExpectationSnapshotView>>, ProblemHttpResult>> History(int id, ExpectationService expectations, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await expectations.HistoryAsync(id, ct), $"Lead {id} does not exist.");

    public static async Task<Results<Created<ExpectationSnapshotView>, ProblemHttpResult>> AddSnapshot(
        int id, AddExpectationSnapshotRequest request, ExpectationService expectations, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await expectations.AddAsync(id, request, http.User.ToActor(), ct), s => $"/api/leads/{id}/expectations");

    public static async Task<Ok<IReadOnlyList<string>>> RiskFlags(ExpectationService expectations, CancellationToken ct) =>
        TypedResults.Ok(await expectations.RiskFlagsAsync(ct));

    public static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> SaveRiskFlags(
        RiskFlagsRequest request, ExpectationService expectations, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await expectations.SaveRiskFlagsAsync(request.Flags, http.User.ToActor(), ct));
}

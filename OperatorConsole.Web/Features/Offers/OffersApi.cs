using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Offers;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Offers;

/// <summary>The offer ladder (sprint 3.3): a lead's offer decision and revenue / win rate by offer type.</summary>
public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads").WithTags("Offer ladder");
        leads.MapGet("/{id:int}/offer", GetOffer).WithName("GetLeadOffer").WithSummary("The lead's offer type, why it was chosen, upgrade path and repeatability score")
            .RequireAuthorization(ConsolePolicies.Read);
        leads.MapPut("/{id:int}/offer", SetOffer).WithName("SetLeadOffer").WithSummary("Set the lead's offer (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);

        app.MapGroup("/api/offers").WithTags("Offer ladder")
            .MapGet("/performance", Performance).WithName("OfferPerformance").WithSummary("Revenue and win rate by offer type")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<Ok<LeadOfferView>, ProblemHttpResult>> GetOffer(int id, OfferService offers, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await offers.GetAsync(id, ct), $"Lead {id} does not exist.");

    public static async Task<Results<Ok<LeadOfferView>, ProblemHttpResult>> SetOffer(
        int id, SetLeadOfferRequest request, OfferService offers, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await offers.SetAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Ok<OfferPerformanceReport>> Performance(OfferService offers, CancellationToken ct) =>
        TypedResults.Ok(await offers.PerformanceAsync(ct));
}

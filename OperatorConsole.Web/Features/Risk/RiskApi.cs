using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Risk;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Risk;

/// <summary>PUT /api/settings/risk-rules body: the whole ordered list, and why it changed (audit log).</summary>
public sealed record SaveRiskRulesRequest(List<RiskRuleText>? Rules, string? Reason = null);

public sealed record RiskRulesResponse(IReadOnlyList<RiskRuleText> Rules, bool IsCustomised, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>POST /api/settings/risk-rules/test body: paths to classify, with the saved rules or the given ones.</summary>
public sealed record TestRiskRulesRequest(List<string>? Files, List<RiskRuleText>? Rules = null);

public sealed record FileRiskView(string Path, RiskClass RiskClass, RiskLevel RiskLevel, string? MatchedRule);

public sealed record RiskTestResponse(
    RiskClass RiskClass, RiskLevel RiskLevel, string? MatchedRule, string? MatchedFile, bool RequiresReview, string Explanation, IReadOnlyList<FileRiskView> Files);

/// <summary>The change-risk rules in Settings: read by people, changed by an operator (audited), tried out by anyone signed in.</summary>
public static class RiskApi
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/settings/risk-rules").WithTags("Settings");
        api.MapGet("/", GetRules).WithName("GetRiskRules").WithSummary("The change-risk rules in force, in order").RequireAuthorization(ConsolePolicies.People);
        api.MapPut("/", SaveRules).WithName("SaveRiskRules").WithSummary("Replace the ordered rule list (operator, audited)").RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/reset", ResetRules).WithName("ResetRiskRules").WithSummary("Go back to the configured defaults (operator, audited)").RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/test", TestRules).WithName("TestRiskRules").WithSummary("Classify file paths with the saved rules or with the rules sent").RequireAuthorization(ConsolePolicies.People);
        return app;
    }

    public static async Task<Ok<RiskRulesResponse>> GetRules(RiskRuleService rules, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await rules.GetAsync(ct)));

    public static async Task<Results<Ok<RiskRulesResponse>, ProblemHttpResult>> SaveRules(
        SaveRiskRulesRequest request, RiskRuleService rules, HttpContext http, CancellationToken ct)
    {
        var result = await rules.SaveAsync(request.Rules, http.User.ToActor(), request.Reason, ct);
        return result.Succeeded ? TypedResults.Ok(ToResponse(result.Value!)) : ApiResults.Problem(result);
    }

    public static async Task<Results<Ok<RiskRulesResponse>, ProblemHttpResult>> ResetRules(RiskRuleService rules, HttpContext http, CancellationToken ct)
    {
        var result = await rules.ResetAsync(http.User.ToActor(), null, ct);
        return result.Succeeded ? TypedResults.Ok(ToResponse(result.Value!)) : ApiResults.Problem(result);
    }

    public static async Task<Results<Ok<RiskTestResponse>, ProblemHttpResult>> TestRules(TestRiskRulesRequest request, RiskRuleService rules, CancellationToken ct)
    {
        IReadOnlyList<RiskRule> ruleList;
        if (request.Rules is { } given)
        {
            var (parsed, errors) = RiskRuleService.Parse(given);
            foreach (var (field, messages) in RiskRules.Validate(parsed).ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }

            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors.ToDictionary());
            }

            ruleList = parsed;
        }
        else
        {
            ruleList = await rules.GetRulesAsync(ct);
        }

        return TypedResults.Ok(ToResponse(ChangeRiskClassifier.Classify(ruleList, request.Files)));
    }

    public static RiskTestResponse ToResponse(RiskAssessment a) => new(
        a.Class, a.Level, a.MatchedRule?.Pattern, a.MatchedFile, a.RequiresReview, a.Explanation,
        a.Files.Select(f => new FileRiskView(f.Path, f.Class, f.Level, f.MatchedRule?.Pattern)).ToList());

    private static RiskRulesResponse ToResponse(RiskRuleSet set) =>
        new(RiskRuleService.ToText(set.Rules), set.IsCustomised, set.UpdatedAt, set.UpdatedBy);
}

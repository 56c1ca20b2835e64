using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.Risk;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Risk;

/// <summary>PUT /api/settings/risk-rules body: the whole ordered list, and why it changed (audit log).</summary>
public sealed record SaveRiskRulesRequest(List<RiskRuleText>? Rules, string? Reason = null);

public sealed record RiskRulesResponse(IReadOnlyList<RiskRuleText> Rules, bool IsCustomised, DateTime? UpdatedAt, string? UpdatedBy, int? Reclassified = null);

/// <summary>
/// POST /api/settings/risk-rules/test body: paths to classify (<c>filesTouched</c>, the agent-job field name; <c>files</c>
/// is the older name, still accepted and used when filesTouched is absent), with the saved rules or the given ones, and
/// optionally the change's size in lines (a large change raises the level).
/// </summary>
public sealed record TestRiskRulesRequest(List<string>? FilesTouched = null, List<RiskRuleText>? Rules = null, List<string>? Files = null, int? LinesChanged = null)
{
    public List<string>? Paths => FilesTouched ?? Files;
}

/// <summary>POST /api/settings/risk-rules/preview body: the rules as edited, before saving.</summary>
public sealed record PreviewRiskRulesRequest(List<RiskRuleText>? Rules);

/// <summary>How many open agent jobs (not approved, refused or deployed, risk not overridden) saving would re-classify, and which.</summary>
public sealed record RiskRulesPreviewResponse(int Changed, IReadOnlyList<ReclassifiedJob> Jobs);

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
        api.MapPost("/preview", PreviewRules).WithName("PreviewRiskRules")
            .WithSummary("How many open agent jobs the rules sent would re-classify if saved (nothing is written)").RequireAuthorization(ConsolePolicies.People);
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

        if (request.LinesChanged is < 0)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["linesChanged"] = ["'linesChanged' cannot be negative."] });
        }

        return TypedResults.Ok(ToResponse(ChangeRiskClassifier.Classify(ruleList, request.Paths, request.LinesChanged)));
    }

    public static async Task<Results<Ok<RiskRulesPreviewResponse>, ProblemHttpResult>> PreviewRules(
        PreviewRiskRulesRequest request, RiskRuleService rules, CancellationToken ct)
    {
        var result = await rules.PreviewAsync(request.Rules, ct);
        return result.Succeeded ? TypedResults.Ok(new RiskRulesPreviewResponse(result.Value!.Count, result.Value!)) : ApiResults.Problem(result);
    }

    public static RiskTestResponse ToResponse(RiskAssessment a) => new(
        a.Class, a.Level, a.MatchedRule?.Pattern, a.MatchedFile, a.RequiresReview, a.Explanation,
        a.Files.Select(f => new FileRiskView(f.Path, f.Class, f.Level, f.MatchedRule?.Pattern)).ToList());

    private static RiskRulesResponse ToResponse(RiskRuleSet set) =>
        new(RiskRuleService.ToText(set.Rules), set.IsCustomised, set.UpdatedAt, set.UpdatedBy, set.Reclassified);
}

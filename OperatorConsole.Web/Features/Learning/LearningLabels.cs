using MudBlazor;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Web.Features.Learning;

/// <summary>Product words for the learning enums, shared by the learning and playbook pages.</summary>
public static class LearningLabels
{
    public static string Class(LearningClass cls) => cls switch
    {
        LearningClass.Ai => "AI",
        _ => cls.ToString(),
    };

    public static string Produced(ProducedTag tag) => tag switch
    {
        ProducedTag.NothingYet => "Nothing yet",
        ProducedTag.ProposalImprovement => "Proposal improvement",
        ProducedTag.OutreachScript => "Outreach script",
        ProducedTag.SalesObjectionScript => "Sales objection script",
        ProducedTag.ServicePackageRefinement => "Service package refinement",
        ProducedTag.DeliverySop => "Delivery SOP",
        ProducedTag.QaChecklist => "QA checklist",
        ProducedTag.Automation => "Automation",
        ProducedTag.CaseStudy => "Case study",
        _ => tag.ToString(),
    };

    public static string Engine(string engine) => engine switch
    {
        LearningEngines.AzureOpenAi => "Azure OpenAI",
        LearningEngines.BuiltIn => "Built-in rules",
        LearningEngines.Manual => "Manual",
        _ => engine,
    };

    public static string State(LearningProposalState state) => state switch
    {
        LearningProposalState.Open => "open",
        LearningProposalState.PromotionRequested => "awaiting decision",
        LearningProposalState.Promoted => "promoted",
        LearningProposalState.PromotionRejected => "promotion rejected",
        _ => state.ToString(),
    };

    public static Color StateColor(LearningProposalState state) => state switch
    {
        LearningProposalState.PromotionRequested => Color.Warning,
        LearningProposalState.Promoted => Color.Success,
        LearningProposalState.PromotionRejected => Color.Error,
        _ => Color.Default,
    };

    public static string Metric(ImprovementMetric metric) => ImprovementTracking.Label(metric);

    public static string FormatMetric(double? value, string unit) => value is not { } v ? "—" : unit switch
    {
        "%" => $"{v:0.#}%",
        "USD" => $"{v:N0} USD",
        _ => $"{v:0.#} d",
    };
}

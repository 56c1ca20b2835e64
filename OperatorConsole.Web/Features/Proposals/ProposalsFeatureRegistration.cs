namespace OperatorConsole.Web.Features.Proposals;

public static class ProposalsFeatureRegistration
{
    /// <summary>Drafting a proposal with the configured chat model.</summary>
    public static IServiceCollection AddProposalsFeature(this IServiceCollection services)
    {
        services.AddSingleton<ProposalDrafter>();
        return services;
    }
}

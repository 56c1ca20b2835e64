using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class ProposalsRegistration
{
    /// <summary>Proposals, the effect of an approved send, and their demo history.</summary>
    public static IServiceCollection AddProposalsData(this IServiceCollection services)
    {
        services.AddSingleton<ProposalService>();
        services.AddSingleton<IApprovalSubjectHandler, ProposalSendApprovalHandler>();
        services.AddSingleton<IDemoSeedContributor, ProposalDemoSeed>();
        return services;
    }
}

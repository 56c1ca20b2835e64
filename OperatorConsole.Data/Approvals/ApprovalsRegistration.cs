using OperatorConsole.Data.Approvals;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApprovalsRegistration
{
    /// <summary>The approval gate and the owners of the decisions it holds (playbook promotions, high-risk changes).</summary>
    public static IServiceCollection AddApprovalsData(this IServiceCollection services)
    {
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<IApprovalOwner, PlaybookPromotionOwner>();
        services.AddSingleton<IApprovalOwner, HighRiskChangeOwner>();
        return services;
    }
}

using OperatorConsole.Data.Audit;

namespace Microsoft.Extensions.DependencyInjection;

public static class AuditRegistration
{
    /// <summary>Reading the audit log (writing it is part of every save: see AuditChainInterceptor in AddData).</summary>
    public static IServiceCollection AddAuditData(this IServiceCollection services)
    {
        services.AddSingleton<AuditQueryService>();
        return services;
    }
}

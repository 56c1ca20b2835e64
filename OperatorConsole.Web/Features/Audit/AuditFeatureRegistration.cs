namespace OperatorConsole.Web.Features.Audit;

public static class AuditFeatureRegistration
{
    /// <summary>The audit chain check (Settings → Audit log, GET /api/audit/verify) and its readiness check.</summary>
    public static IServiceCollection AddAuditFeature(this IServiceCollection services)
    {
        services.AddSingleton<AuditChainCheck>();
        services.AddHealthChecks().AddCheck<AuditChainHealthCheck>("audit-chain", tags: ["ready"]);
        return services;
    }
}

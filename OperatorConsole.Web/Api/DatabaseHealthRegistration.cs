namespace OperatorConsole.Web.Api;

public static class DatabaseHealthRegistration
{
    /// <summary>The database's health as the console sees it: the in-memory signal, the write probe and its monitor, and the "database" readiness check (unhealthy while writes fail, not only when it cannot connect).</summary>
    public static IServiceCollection AddDatabaseHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseHealthSignal>();
        services.AddSingleton<DatabaseWriteProbe>();
        services.AddSingleton<DatabaseMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMonitor>());
        services.AddHealthChecks().AddCheck<DatabaseWritableHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}

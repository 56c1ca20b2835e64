using OperatorConsole.Data.Access;

namespace Microsoft.Extensions.DependencyInjection;

public static class AccessRegistration
{
    /// <summary>API keys: created, revoked and checked here.</summary>
    public static IServiceCollection AddAccessData(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}

using OperatorConsole.Data.Brief;

namespace Microsoft.Extensions.DependencyInjection;

public static class BriefRegistration
{
    /// <summary>Today's brief.</summary>
    public static IServiceCollection AddBriefData(this IServiceCollection services)
    {
        services.AddSingleton<BriefService>();
        return services;
    }
}

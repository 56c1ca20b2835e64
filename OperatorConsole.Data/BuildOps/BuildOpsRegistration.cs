using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class BuildOpsRegistration
{
    /// <summary>Build tasks and the Build Ops demo (tasks, agent jobs, templates).</summary>
    public static IServiceCollection AddBuildOpsData(this IServiceCollection services)
    {
        services.AddSingleton<BuildTaskService>();
        services.AddSingleton<IDemoSeedContributor, BuildOpsDemoSeed>();
        return services;
    }
}

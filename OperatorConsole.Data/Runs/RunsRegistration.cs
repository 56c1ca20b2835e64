using OperatorConsole.Data.Runs;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunsRegistration
{
    /// <summary>Pipeline runs recorded by agents.</summary>
    public static IServiceCollection AddRunsData(this IServiceCollection services)
    {
        services.AddSingleton<PipelineRunService>();
        return services;
    }
}

using OperatorConsole.Data.Charts;

namespace Microsoft.Extensions.DependencyInjection;

public static class ChartsRegistration
{
    /// <summary>The queries behind the Command Center's charts.</summary>
    public static IServiceCollection AddChartsData(this IServiceCollection services)
    {
        services.AddSingleton<ChartQueries>();
        return services;
    }
}

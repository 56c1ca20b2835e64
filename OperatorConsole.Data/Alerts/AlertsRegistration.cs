using OperatorConsole.Data.Alerts;

namespace Microsoft.Extensions.DependencyInjection;

public static class AlertsDataServiceCollectionExtensions
{
    /// <summary>Alert channels, the delivery queue and log, the rule evaluator and the daily digest.</summary>
    public static IServiceCollection AddAlertsData(this IServiceCollection services)
    {
        services.AddSingleton<AlertChannelService>();
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertEvaluator>();
        return services;
    }
}

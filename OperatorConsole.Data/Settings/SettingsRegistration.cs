using OperatorConsole.Data.Settings;

namespace Microsoft.Extensions.DependencyInjection;

public static class SettingsRegistration
{
    /// <summary>The console's thresholds and settings.</summary>
    public static IServiceCollection AddSettingsData(this IServiceCollection services)
    {
        services.AddSingleton<SettingsService>();
        return services;
    }
}

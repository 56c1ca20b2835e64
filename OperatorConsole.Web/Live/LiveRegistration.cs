using Microsoft.Extensions.DependencyInjection.Extensions;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

public static class LiveRegistration
{
    /// <summary>The in-process stream; <c>Live:Redis</c> (a StackExchange.Redis connection string) spans instances.</summary>
    public static IServiceCollection AddLiveConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LiveBackplaneHealth>();
        var redis = configuration["Live:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<ILiveBackplane, InProcessBackplane>();
        }
        else
        {
            services.TryAddSingleton<ILiveBackplane>(sp =>
                new RedisBackplane(redis, sp.GetRequiredService<ILogger<RedisBackplane>>(), sp.GetRequiredService<LiveBackplaneHealth>()));
        }

        services.AddSingleton<ConsoleEvents>();
        services.AddSingleton<LiveQueries>();
        // Per circuit: the one coalescing step of a screen's live components (scoped = one per circuit).
        services.AddScoped<CircuitRefresh>();
        // The screens' one reference time is a shared live value too: every clocked card reads it through the registry.
        services.TryAddSingleton<OperatorConsole.Web.Features.Clock.ScreenClock>();
        services.Replace(ServiceDescriptor.Singleton<IConsoleChangeSink>(sp => sp.GetRequiredService<ConsoleEvents>()));
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

public static class LiveRegistration
{
    /// <summary>The in-process stream; <c>Live:Redis</c> switches the backplane to Redis pub/sub.</summary>
    public static IServiceCollection AddLiveConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ILiveBackplane, InProcessBackplane>();
        services.AddSingleton<ConsoleEvents>();
        services.Replace(ServiceDescriptor.Singleton<IConsoleChangeSink>(sp => sp.GetRequiredService<ConsoleEvents>()));
        return services;
    }
}

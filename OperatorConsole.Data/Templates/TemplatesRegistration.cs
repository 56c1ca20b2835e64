using OperatorConsole.Data.Templates;

namespace Microsoft.Extensions.DependencyInjection;

public static class TemplatesRegistration
{
    /// <summary>Template starters (reusable project skeletons and the clients they served).</summary>
    public static IServiceCollection AddTemplatesData(this IServiceCollection services)
    {
        services.AddSingleton<TemplateStarterService>();
        return services;
    }
}

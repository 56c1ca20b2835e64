using OperatorConsole.Data.Constraint;

namespace Microsoft.Extensions.DependencyInjection;

public static class ConstraintRegistration
{
    /// <summary>The business's current constraint (the stage that limits throughput).</summary>
    public static IServiceCollection AddConstraintData(this IServiceCollection services)
    {
        services.AddSingleton<ConstraintService>();
        return services;
    }
}

using OperatorConsole.Data.Teams;

namespace Microsoft.Extensions.DependencyInjection;

public static class TeamsRegistration
{
    /// <summary>Teams: the deal owners' managers and regional offices.</summary>
    public static IServiceCollection AddTeamsData(this IServiceCollection services)
    {
        services.AddSingleton<TeamMembersWriter>();
        services.AddSingleton<TeamService>();
        return services;
    }
}

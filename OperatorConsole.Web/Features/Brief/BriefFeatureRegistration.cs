namespace OperatorConsole.Web.Features.Brief;

public static class BriefFeatureRegistration
{
    public static IServiceCollection AddBriefFeature(this IServiceCollection services) => services.AddSingleton<BriefQuery>();
}

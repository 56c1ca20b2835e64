namespace OperatorConsole.Web.Features.Search;

public static class SearchFeatureRegistration
{
    /// <summary>The console's pages as one more Ctrl+K search source (after the Data layer's records).</summary>
    public static IServiceCollection AddSearchFeature(this IServiceCollection services)
    {
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, PageSearchSource>();
        return services;
    }
}

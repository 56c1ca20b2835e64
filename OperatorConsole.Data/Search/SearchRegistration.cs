using OperatorConsole.Data.Search;

namespace Microsoft.Extensions.DependencyInjection;

public static class SearchRegistration
{
    /// <summary>Ctrl+K search and the records it searches (the web layer adds its pages as one more source).</summary>
    public static IServiceCollection AddSearchData(this IServiceCollection services)
    {
        services.AddSingleton<SearchService>();
        services.AddSingleton<ISearchSource, LeadSearchSource>();
        services.AddSingleton<ISearchSource, RunSearchSource>();
        services.AddSingleton<ISearchSource, IntegrationSearchSource>();
        services.AddSingleton<ISearchSource, ApprovalSearchSource>();
        services.AddSingleton<ISearchSource, AgentJobSearchSource>();
        return services;
    }
}

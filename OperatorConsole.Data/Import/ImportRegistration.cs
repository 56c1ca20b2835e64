using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.Import;

namespace Microsoft.Extensions.DependencyInjection;

public static class ImportServiceCollectionExtensions
{
    /// <summary>CSV import: queue, background worker and writer (each feature registers its own CSV export).</summary>
    public static IServiceCollection AddLeadImport(this IServiceCollection services, IConfiguration configuration)
    {
        var root = configuration["Storage:Root"] ?? Path.Combine("data", "files");
        services.AddSingleton(new ImportOptions(Path.Combine(root, "imports"), configuration["Import:MavenFolder"]));
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<LeadImportWriter>();
        services.AddSingleton<ImportJobService>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}

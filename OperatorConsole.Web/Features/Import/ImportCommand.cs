using OperatorConsole.Data.Import;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Web.Features.Import;

/// <summary>
/// <c>import maven &lt;folder&gt; [--update]</c>: imports the Maven CRM pipeline into the configured database;
/// <c>import csv &lt;deals.csv&gt; [--accounts &lt;accounts.csv&gt;] [--update]</c>: any CRM export through the generic path, with
/// the mapping remembered for its header or guessed (as the /import page would start). Both print the report and exit
/// (0 when every row was imported or recognised, 1 when some rows had errors, 2 on failure).
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        var kind = args.FirstOrDefault()?.ToLowerInvariant();
        if (kind is not ("maven" or "csv"))
        {
            Console.Error.WriteLine("Usage: import maven <folder> [--update]   (folder holding sales_pipeline.csv, products.csv, accounts.csv)");
            Console.Error.WriteLine("       import csv <deals.csv> [--accounts <accounts.csv>] [--update]   (any CRM export; columns and stages guessed or remembered)");
            return 2;
        }

        var accountsIndex = Array.FindIndex(args, a => string.Equals(a, "--accounts", StringComparison.OrdinalIgnoreCase));
        var accountsFile = accountsIndex > 0 && accountsIndex + 1 < args.Length ? args[accountsIndex + 1] : null;
        var folder = args.Skip(1).Where((a, i) => i + 1 != accountsIndex + 1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var mode = args.Contains("--update", StringComparer.OrdinalIgnoreCase) ? DuplicateMode.Update : DuplicateMode.Skip;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddData(builder.Configuration, builder.Environment.ContentRootPath);
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();

        var actor = new Actor(ActorKind.System, "cli-import", "Command-line import");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var imports = app.Services.GetRequiredService<ImportJobService>();
        var result = kind == "maven"
            ? await imports.RunMavenNowAsync(folder, mode, actor)
            : await imports.RunCsvNowAsync(folder ?? "", accountsFile, null, mode, actor);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Message + " " + string.Join(" ", result.Errors.SelectMany(e => e.Value)));
            return 2;
        }

        var job = result.Value!;
        Console.WriteLine($"Import job {job.Id} ({job.SourceName}): {job.Status} in {started.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  rows {job.TotalRows}, created {job.CreatedCount}, updated {job.UpdatedCount}, skipped (already there) {job.SkippedCount}, errors {job.ErrorCount}");
        Console.WriteLine($"  accounts created {job.AccountsCreatedCount}, updated {job.AccountsUpdatedCount}");
        if (job.TeamMembersCreatedCount + job.TeamMembersUpdatedCount > 0)
        {
            Console.WriteLine($"  team members created {job.TeamMembersCreatedCount}, updated {job.TeamMembersUpdatedCount}");
        }
        foreach (var error in job.Errors.Take(20))
        {
            Console.WriteLine($"  row {error.Row}{(error.Key is null ? "" : $" ({error.Key})")}: {error.Message}");
        }

        if (job.Message is not null)
        {
            Console.WriteLine("  " + job.Message);
        }

        return job.Status != ImportJobStatus.Completed ? 2 : job.ErrorCount > 0 ? 1 : 0;
    }
}

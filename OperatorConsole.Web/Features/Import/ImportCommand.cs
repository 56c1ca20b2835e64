using OperatorConsole.Data.Import;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Web.Features.Import;

/// <summary>
/// <c>import maven &lt;folder&gt; [--update]</c>: imports the Maven CRM pipeline into the configured database,
/// prints the report and exits (0 when every row was imported or recognised, 1 when some rows had errors, 2 on failure).
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length < 1 || !string.Equals(args[0], "maven", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("Usage: import maven <folder> [--update]   (folder holding sales_pipeline.csv and products.csv)");
            return 2;
        }

        var folder = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var mode = args.Contains("--update", StringComparer.OrdinalIgnoreCase) ? DuplicateMode.Update : DuplicateMode.Skip;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddData(builder.Configuration, builder.Environment.ContentRootPath);
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();

        var actor = new Actor(ActorKind.System, "cli-import", "Command-line import");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await app.Services.GetRequiredService<ImportJobService>().RunMavenNowAsync(folder, mode, actor);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Message + " " + string.Join(" ", result.Errors.SelectMany(e => e.Value)));
            return 2;
        }

        var job = result.Value!;
        Console.WriteLine($"Import job {job.Id} ({job.SourceName}): {job.Status} in {started.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  rows {job.TotalRows}, created {job.CreatedCount}, updated {job.UpdatedCount}, skipped (already there) {job.SkippedCount}, errors {job.ErrorCount}");
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

using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Features.Audit;

/// <summary><c>dotnet run --project OperatorConsole.Web -- audit verify</c>: checks the audit hash chain; exit code 0 intact, 2 broken.</summary>
public static class AuditCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["verify"])
        {
            Console.Error.WriteLine("usage: audit verify");
            return 64;
        }

        builder.Services.AddData(builder.Configuration, builder.Environment.ContentRootPath);
        await using var services = builder.Services.BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync();
        var report = await AuditChain.VerifyAsync(db, DateTime.UtcNow);
        if (report.Intact)
        {
            Console.WriteLine($"Audit log intact: {report.Entries} entries, head {report.HeadHash}");
            return 0;
        }

        Console.WriteLine($"Audit log BROKEN at entry {report.BrokenAtId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {report.Problem} ({report.Entries} entries read)");
        return 2;
    }
}

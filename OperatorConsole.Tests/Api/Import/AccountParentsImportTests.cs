using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>An accounts file's parent companies (ADR 240), on a database of its own: the Maven tests count every account.</summary>
public sealed class AccountParentsImportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    /// <summary>
    /// A companies export with parents: a parent named after its subsidiary is found, one that is no account and one that
    /// would make a loop are reported on their rows and the accounts kept without them; a re-import in skip mode that
    /// only links a parent counts the account as updated.
    /// </summary>
    [Fact]
    public async Task AnAccountsFile_LinksParentsByName_AndReportsAnUnknownParentAndALoop()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory().FullName;
        var deals = Path.Combine(folder, "deals.csv");
        var accounts = Path.Combine(folder, "companies.csv");
        await File.WriteAllTextAsync(deals, $"Deal,Company,Stage\nPortal,Child {tag},New\n");
        await File.WriteAllTextAsync(accounts,
            $"company,headquarters,founded,parent company\nChild {tag},Kenya,1999,Holding {tag}\nHolding {tag},Norway,1970,\n" +
            $"Orphan {tag},,,Nobody {tag}\nLoop A {tag},,,Loop B {tag}\nLoop B {tag},,,Loop A {tag}\n");
        var imports = factory.Services.GetRequiredService<ImportJobService>();

        var job = await RunAsync(imports, deals, accounts);

        job.Status.Should().Be(ImportJobStatus.Completed, job.Message);
        job.AccountsCreatedCount.Should().Be(5, string.Join("; ", job.Errors.Select(e => e.Message)));
        job.Errors.Select(e => e.Message).Should().Contain(m => m.Contains($"parent \"Nobody {tag}\" is not an account", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("cannot also be its parent", StringComparison.Ordinal));
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Set<Account>().Where(a => a.Name.EndsWith(tag)).ToDictionaryAsync(a => a.Name[..^(tag.Length + 1)]);
            stored["Child"].ParentAccountId.Should().Be(stored["Holding"].Id);
            (stored["Child"].Country, stored["Child"].YearEstablished).Should().Be(("Kenya", 1999));
            stored["Orphan"].ParentAccountId.Should().BeNull();
            new[] { stored["Loop A"].ParentAccountId, stored["Loop B"].ParentAccountId }.Should().ContainSingle(p => p != null, "the first link is made, the one closing the loop is not");
            await db.Set<Account>().Where(a => a.Id == stored["Child"].Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ParentAccountId, (int?)null));
        }

        var again = await RunAsync(imports, deals, accounts);
        again.AccountsUpdatedCount.Should().Be(1, "only the child's parent was missing, and linking it is its update");
    }


    /// <summary>Runs the import inline; the host's import worker may claim the queued job first, so its end is awaited.</summary>
    private static async Task<ImportJobView> RunAsync(ImportJobService imports, string deals, string accounts)
    {
        var job = (await imports.RunCsvNowAsync(deals, accounts, null, DuplicateMode.Skip, Actor.System)).Value!;
        for (var i = 0; i < 100 && job.Status is ImportJobStatus.Queued or ImportJobStatus.Running; i++)
        {
            await Task.Delay(100);
            job = (await imports.GetAsync(job.Id))!;
        }

        return job;
    }
}

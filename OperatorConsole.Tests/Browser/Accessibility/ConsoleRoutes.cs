using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Accessibility;

/// <summary>
/// The people's screens as the README lists them ("Use it" → People), with real ids of the demo business for
/// the {id} routes, so a screen added to the README is checked without editing the browser tests.
/// </summary>
public static partial class ConsoleRoutes
{
    public static IReadOnlyList<string> FromReadme()
    {
        var readme = File.ReadAllText(Path.Combine(SolutionFolder(), "README.md"));
        var people = readme.Split('\n').First(l => l.Contains("**People**", StringComparison.Ordinal));
        // The bullet continues on the following indented lines until the next bullet.
        var start = readme.IndexOf(people, StringComparison.Ordinal);
        var end = readme.IndexOf("\n- ", start + 1, StringComparison.Ordinal);
        var text = readme[start..end];
        return RouteInBackticks().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    /// <summary>Each README route with its {id} filled by demo rows that show the most on the page.</summary>
    public static async Task<IReadOnlyList<string>> ResolvedAsync(ConsoleFactory factory)
    {
        await using var db = factory.CreateDbContext();
        var shipped = await db.Set<Lead>().Where(l => l.Status == LeadStatus.Shipped).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var proposal = await db.Set<Lead>().Where(l => l.Status == LeadStatus.Proposal).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var failedRun = await db.Set<PipelineRun>().Where(r => r.Status == RunStatus.Fail).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var routes = new List<string>();
        foreach (var route in FromReadme())
        {
            routes.AddRange(route switch
            {
                "/leads/{id}" => [$"/leads/{shipped}", $"/leads/{proposal}"],
                "/runs/{id}" => [$"/runs/{failedRun}"],
                _ when route.Contains('{', StringComparison.Ordinal) => throw new InvalidOperationException($"No demo id for the README route {route}; add one here."),
                _ => [route],
            });
        }

        return routes;
    }

    /// <summary>The main screens a person opens from the menu (no {id}, no wall screen).</summary>
    public static IReadOnlyList<string> MainScreens() =>
        FromReadme().Where(r => !r.Contains('{', StringComparison.Ordinal) && r != "/standup").ToList();

    private static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OperatorConsole.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No solution folder above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`(/[^`\s]*)`")]
    private static partial Regex RouteInBackticks();
}

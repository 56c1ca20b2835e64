using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Search;

namespace OperatorConsole.Data.Search;

/// <summary>One thing the command palette can jump to.</summary>
/// <param name="Kind">lead, client, page, action… (a feature's own word).</param>
/// <param name="Href">Where Enter goes.</param>
/// <param name="Score">Higher first; see <see cref="SearchScoring"/>.</param>
public sealed record SearchHit(string Kind, string Title, string? Subtitle, string Href, int Score);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Items);

/// <summary>
/// A place the global search looks. Each feature adds its own (clients, assets, playbook, templates…) by
/// registering one more <c>ISearchSource</c>; the palette and GET /api/search pick it up without changes.
/// </summary>
public interface ISearchSource
{
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct);
}

/// <summary>Asks every source, merges, ranks. A failing source is left out rather than failing the search.</summary>
public sealed class SearchService(IEnumerable<ISearchSource> sources, ILogger<SearchService> logger)
{
    public const int MaxTake = 50;

    public async Task<SearchResults> SearchAsync(string? query, int take = 12, CancellationToken ct = default)
    {
        var q = (query ?? "").Trim();
        take = Math.Clamp(take, 1, MaxTake);
        if (q.Length == 0)
        {
            return new SearchResults(q, []);
        }

        if (q.Length > 200)
        {
            q = q[..200];
        }

        var tasks = sources.Select(async source =>
        {
            try
            {
                return await source.SearchAsync(q, take, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Search source {Source} failed", source.GetType().Name);
                return (IReadOnlyList<SearchHit>)[];
            }
        });
        var all = (await Task.WhenAll(tasks)).SelectMany(h => h);
        return new SearchResults(q, all.OrderByDescending(h => h.Score).ThenBy(h => h.Title, StringComparer.OrdinalIgnoreCase).Take(take).ToList());
    }
}

/// <summary>Leads by title, company, contact and owner; clients (Approved/Building/Shipped) are labelled as such.</summary>
public sealed class LeadSearchSource(IDbContextFactory<ConsoleDbContext> dbFactory) : ISearchSource
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        // Every typed word must appear in one of the fields (AND across words, OR across fields).
        foreach (var term in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var pattern = LikePattern.Contains(term);
            leads = leads.Where(l =>
                EF.Functions.Like(l.Title, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.Company!, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.ContactName!, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.Owner!, pattern, LikePattern.Escape));
        }

        var found = await leads.OrderByDescending(l => l.UpdatedAt).Take(take * 4)
            .Select(l => new { l.Id, l.Title, l.Company, l.ContactName, l.Owner, l.Status })
            .ToListAsync(ct);
        return found
            .Select(l => new SearchHit(
                l.Status.IsClient() ? "client" : "lead",
                l.Title,
                string.Join(" · ", new[] { l.Company, l.ContactName, l.Owner is null ? null : $"owner {l.Owner}", l.Status.ToString() }.Where(s => !string.IsNullOrEmpty(s))),
                $"/leads/{l.Id}",
                SearchScoring.Score(query, l.Title, l.Company, l.ContactName, l.Owner) + (l.Status.IsClient() ? 1 : 0)))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .Take(take)
            .ToList();
    }
}

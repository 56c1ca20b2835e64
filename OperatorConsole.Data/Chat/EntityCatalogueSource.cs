using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Teams;
using OperatorConsole.Domain.Templates;

namespace OperatorConsole.Data.Chat;

/// <summary>Where the chat gets the names a question may use. The web host shares one catalogue per change of them.</summary>
public interface IEntityCatalogueSource
{
    Task<EntityCatalogue> GetAsync(CancellationToken ct = default);
}

/// <summary>
/// Reads the names from the database and indexes them: leads, accounts, sectors, countries, deal owners, integrations, packages and templates. On its
/// own it reads on every call (tools and hosts without the live layer); the web host wraps it in a live query
/// invalidated by changes to those records, because on 8,800 deals this read and the indexing cost most of an answer.
/// </summary>
public sealed class EntityCatalogueLoader(IDbContextFactory<ConsoleDbContext> dbFactory) : IEntityCatalogueSource
{
    /// <summary>The record types whose changes alter the catalogue (their live topics).</summary>
    public static readonly IReadOnlyCollection<string> Topics = [nameof(Lead), nameof(Account), nameof(TeamMember), nameof(IntegrationHealth), nameof(ServicePackage), nameof(TemplateStarter)];

    public async Task<EntityCatalogue> GetAsync(CancellationToken ct = default) => new(await LoadAsync(ct));

    public async Task<IReadOnlyList<KnownEntity>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).Select(l => new { l.Id, l.Title, l.Company, l.Owner, l.Source }).ToListAsync(ct);
        var entities = leads.Select(l => new KnownEntity(EntityKind.Lead, l.Title, l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/leads/{l.Id}")).ToList();
        // Accounts are records now: a name links to its page. A company typed on a lead before it had an account
        // (none after the accounts migration, but a lead can still carry free text) links to the leads it names.
        var accounts = await db.Set<Account>().AsNoTracking().Select(a => new { a.Id, a.Name, a.Sector, a.Country }).ToListAsync(ct);
        entities.AddRange(accounts.Select(a => new KnownEntity(EntityKind.Account, a.Name, a.Name, $"/accounts/{a.Id}")));
        var named = accounts.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        entities.AddRange(leads.Where(l => l.Company != null && !named.Contains(l.Company)).Select(l => l.Company!).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => new KnownEntity(EntityKind.Account, c, c, $"/leads?q={Uri.EscapeDataString(c)}")));
        // Sectors ("How many accounts are in retail?" reported "retail" as unrecorded): one per spelling up to case,
        // keyed by its lower case, linked to the Clients list searched for it.
        entities.AddRange(accounts.Where(a => !string.IsNullOrWhiteSpace(a.Sector)).Select(a => a.Sector!.Trim()).DistinctBy(AccountRules.SectorKey)
            .Select(s => new KnownEntity(EntityKind.Sector, s, AccountRules.SectorKey(s), $"/clients?q={Uri.EscapeDataString(s)}")));
        // Countries of the accounts' headquarters ("Which accounts are in Kenya?"), as sectors: one per spelling up to case.
        entities.AddRange(accounts.Where(a => !string.IsNullOrWhiteSpace(a.Country)).Select(a => a.Country!.Trim()).DistinctBy(AccountRules.CountryKey)
            .Select(c => new KnownEntity(EntityKind.Country, c, AccountRules.CountryKey(c), $"/clients?q={Uri.EscapeDataString(c)}")));
        // Lead sources ("How many leads came from referrals?"): one per spelling up to case, linked to the leads from it.
        entities.AddRange(leads.Where(l => !string.IsNullOrWhiteSpace(l.Source)).Select(l => l.Source!.Trim()).DistinctBy(LeadRules.SourceKey)
            .Select(s => new KnownEntity(EntityKind.Source, s, LeadRules.SourceKey(s), $"/leads?source={Uri.EscapeDataString(s)}")));
        // Deal owners (a CRM's sales agents): "how many deals did Darcel Schlecht close" names a person on our side.
        entities.AddRange(leads.Where(l => l.Owner != null).Select(l => l.Owner!).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(o => new KnownEntity(EntityKind.Owner, o, o, $"/leads?owner={Uri.EscapeDataString(o)}")));
        // The owners' managers and regional offices (a CRM's sales teams, ADR 241), each linked to its team on /teams.
        var teams = await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.Manager, m.Office }).ToListAsync(ct);
        entities.AddRange(teams.Where(t => t.Manager != null).Select(t => t.Manager!.Trim()).DistinctBy(TeamRules.Key)
            .Select(m => new KnownEntity(EntityKind.Manager, m, TeamRules.Key(m)!, $"/teams?manager={Uri.EscapeDataString(m)}")));
        entities.AddRange(teams.Where(t => t.Office != null).Select(t => t.Office!.Trim()).DistinctBy(TeamRules.Key)
            .Select(o => new KnownEntity(EntityKind.Office, o, TeamRules.Key(o)!, $"/teams?office={Uri.EscapeDataString(o)}")));
        entities.AddRange((await db.Set<IntegrationHealth>().AsNoTracking().Select(i => i.Name).ToListAsync(ct)).Select(n => new KnownEntity(EntityKind.Integration, n, n, "/integrations")));
        entities.AddRange((await db.Set<ServicePackage>().AsNoTracking().Where(p => !p.IsArchived).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => new KnownEntity(EntityKind.Package, p.Name, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/packages/{p.Id}")));
        entities.AddRange((await db.Set<TemplateStarter>().AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => new KnownEntity(EntityKind.Template, t.Name, t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/templates/{t.Id}")));
        return entities;
    }
}

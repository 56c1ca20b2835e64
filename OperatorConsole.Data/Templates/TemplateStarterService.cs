using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Templates;

namespace OperatorConsole.Data.Templates;

/// <summary>The template factory (sprint 4.3): starter codebases and the clients they were used for. Human-only writes.</summary>
public sealed class TemplateStarterService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<OperationResult<TemplateStarterView>> CreateAsync(CreateTemplateStarterRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<TemplateStarterView>(actor, "Templates are written by an operator.") is { } refused)
        {
            return refused;
        }

        var errors = TemplateRules.ValidateFields(request.Name, request.Niche, request.Stack, request.Modules, request.ResultsProduced, request.Location, request.Status);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clientIds = (request.ClientLeadIds ?? []).Distinct().ToList();
        await CheckLeadsAsync(db, clientIds, errors, ct);
        var status = request.Status ?? TemplateStatus.Draft;
        if (TemplateRules.ProvenBlocker(status, clientIds.Count, request.ResultsProduced) is { } blocker)
        {
            errors.Add("status", blocker);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<TemplateStarterView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var template = new TemplateStarter
        {
            Name = request.Name!.Trim(),
            Niche = request.Niche!.Trim(),
            Stack = TemplateRules.CleanTags(request.Stack),
            Status = status,
            ResultsProduced = TextInput.Clean(request.ResultsProduced),
            Modules = TemplateRules.CleanTags(request.Modules),
            Location = TextInput.Clean(request.Location),
            Clients = clientIds.Select(id => new TemplateStarterClient { LeadId = id, AddedAt = now }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(template);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "template.created", "template_starter", template.Id, $"Added template \"{template.Name}\"", after: Snapshot(template)), ct);
        return OperationResult<TemplateStarterView>.Created((await GetAsync(template.Id, ct))!);
    }

    public async Task<OperationResult<TemplateStarterView>> UpdateAsync(int id, UpdateTemplateStarterRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<TemplateStarterView>(actor, "Templates are written by an operator.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<TemplateStarter>().Include(t => t.Clients).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return OperationResult<TemplateStarterView>.NotFound($"Template {id} does not exist.");
        }

        var errors = TemplateRules.ValidateFields(
            request.Name ?? template.Name, request.Niche ?? template.Niche, request.Stack, request.Modules, request.ResultsProduced, request.Location, request.Status);
        var clientIds = request.ClientLeadIds?.Distinct().ToList();
        if (clientIds is not null)
        {
            await CheckLeadsAsync(db, clientIds, errors, ct);
        }

        var status = request.Status ?? template.Status;
        var results = request.ResultsProduced ?? template.ResultsProduced;
        if (TemplateRules.ProvenBlocker(status, clientIds?.Count ?? template.Clients.Count, results) is { } blocker)
        {
            errors.Add("status", blocker);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<TemplateStarterView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = Snapshot(template);
        template.Name = request.Name?.Trim() ?? template.Name;
        template.Niche = request.Niche?.Trim() ?? template.Niche;
        template.Stack = request.Stack is null ? template.Stack : TemplateRules.CleanTags(request.Stack);
        template.Modules = request.Modules is null ? template.Modules : TemplateRules.CleanTags(request.Modules);
        template.Status = status;
        template.ResultsProduced = request.ResultsProduced is null ? template.ResultsProduced : TextInput.Clean(request.ResultsProduced);
        template.Location = request.Location is null ? template.Location : TextInput.Clean(request.Location);
        if (clientIds is not null)
        {
            template.Clients.RemoveAll(c => !clientIds.Contains(c.LeadId));
            foreach (var leadId in clientIds.Where(l => template.Clients.All(c => c.LeadId != l)))
            {
                template.Clients.Add(new TemplateStarterClient { LeadId = leadId, AddedAt = now });
            }
        }

        template.UpdatedAt = now;
        db.Audit(actor, now, "template.updated", "template_starter", template.Id, $"Edited template \"{template.Name}\"", before: before, after: Snapshot(template));
        await db.SaveChangesAsync(ct);
        return OperationResult<TemplateStarterView>.Ok((await GetAsync(template.Id, ct))!);
    }

    public async Task<TemplateStarterView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<TemplateStarter>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return null;
        }

        var clients = await ClientsAsync(db, [id], ct);
        return ToView(template, clients.GetValueOrDefault(id, []));
    }

    public async Task<PagedList<TemplateStarterView>> ListAsync(TemplateStarterListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var templates = db.Set<TemplateStarter>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Niche))
        {
            var niche = query.Niche.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() runs in the database as LOWER(); the process culture plays no part.
            templates = templates.Where(t => t.Niche.ToLower() == niche);
        }

        if (!string.IsNullOrWhiteSpace(query.Stack))
        {
            var tag = query.Stack.Trim().ToLowerInvariant();
            templates = templates.Where(t => t.Stack.Any(s => s.ToLower() == tag));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Status is { } status)
        {
            templates = templates.Where(t => t.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            templates = templates.Where(t => EF.Functions.Like(t.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(t.Niche, pattern, LikePattern.Escape)
                || EF.Functions.Like(t.ResultsProduced!, pattern, LikePattern.Escape));
        }

        var total = await templates.CountAsync(ct);
        var page = await templates.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var clients = await ClientsAsync(db, page.Select(t => t.Id).ToList(), ct);
        var items = page.Select(t => ToView(t, clients.GetValueOrDefault(t.Id, []))).ToList();
        return new PagedList<TemplateStarterView>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<TemplateFacets> FacetsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<TemplateStarter>().AsNoTracking().Select(t => new { t.Niche, t.Stack }).ToListAsync(ct);
        return new TemplateFacets(
            rows.Select(r => r.Niche).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            rows.SelectMany(r => r.Stack).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Templates a lead was built from (for the lead page).</summary>
    public async Task<IReadOnlyList<TemplateStarterView>> ForLeadAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Set<TemplateStarterClient>().Where(c => c.LeadId == leadId).Select(c => c.TemplateStarterId).ToListAsync(ct);
        var templates = await db.Set<TemplateStarter>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var clients = await ClientsAsync(db, ids, ct);
        return templates.Select(t => ToView(t, clients.GetValueOrDefault(t.Id, []))).ToList();
    }

    private static async Task<Dictionary<int, List<TemplateClientView>>> ClientsAsync(ConsoleDbContext db, List<int> templateIds, CancellationToken ct)
    {
        var rows = await (
            from c in db.Set<TemplateStarterClient>().AsNoTracking()
            join l in db.Set<Lead>() on c.LeadId equals l.Id
            where templateIds.Contains(c.TemplateStarterId)
            orderby c.AddedAt
            select new { c.TemplateStarterId, View = new TemplateClientView(l.Id, l.Title, l.Company, l.Status, c.AddedAt) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.TemplateStarterId).ToDictionary(g => g.Key, g => g.Select(r => r.View).ToList());
    }

    private static async Task CheckLeadsAsync(ConsoleDbContext db, List<int> leadIds, ValidationErrors errors, CancellationToken ct)
    {
        if (leadIds.Count == 0)
        {
            return;
        }

        var known = await db.Set<Lead>().Where(l => leadIds.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        var unknown = leadIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("clientLeadIds", $"Unknown lead id(s): {string.Join(", ", unknown)}.");
        }
    }

    private static TemplateStarterView ToView(TemplateStarter t, IReadOnlyList<TemplateClientView> clients) =>
        new(t.Id, t.Name, t.Niche, t.Stack, t.Status, t.ResultsProduced, t.Modules, t.Location, clients, t.CreatedAt, t.UpdatedAt);

    private static object Snapshot(TemplateStarter t) => new
    {
        t.Name, t.Niche, t.Stack, t.Status, t.ResultsProduced, t.Modules, t.Location, Clients = t.Clients.Select(c => c.LeadId).ToList(),
    };
}

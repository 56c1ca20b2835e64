using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Templates;

namespace OperatorConsole.Data.Templates;

/// <summary>POST /api/template-starters body.</summary>
public sealed record CreateTemplateStarterRequest(
    string? Name,
    string? Niche,
    List<string?>? Stack = null,
    TemplateStatus? Status = null,
    string? ResultsProduced = null,
    List<string?>? Modules = null,
    string? Location = null,
    List<int>? ClientLeadIds = null);

/// <summary>PATCH body: only the fields present change; a list present replaces the whole list.</summary>
public sealed record UpdateTemplateStarterRequest(
    string? Name = null,
    string? Niche = null,
    List<string?>? Stack = null,
    TemplateStatus? Status = null,
    string? ResultsProduced = null,
    List<string?>? Modules = null,
    string? Location = null,
    List<int>? ClientLeadIds = null);

/// <summary>A client built from the template, with where the lead stands (results are in the lead's Results Ledger).</summary>
public sealed record TemplateClientView(int LeadId, string Title, string? Company, LeadStatus Status, DateTime AddedAt);

public sealed record TemplateStarterView(
    int Id,
    string Name,
    string Niche,
    IReadOnlyList<string> Stack,
    TemplateStatus Status,
    string? ResultsProduced,
    IReadOnlyList<string> Modules,
    string? Location,
    IReadOnlyList<TemplateClientView> Clients,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record TemplateStarterListQuery(
    string? Niche = null,
    string? Stack = null,
    TemplateStatus? Status = null,
    string? Q = null,
    int? Page = null,
    int? PageSize = null);

/// <summary>The values the filters offer (distinct niches and stack tags in use).</summary>
public sealed record TemplateFacets(IReadOnlyList<string> Niches, IReadOnlyList<string> Stack);

using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Import;

/// <summary>
/// Everything the operator decides before a generic CSV import: which column feeds which lead field, which of the
/// file's stage values is which of our stages, and (when an accounts file comes with it) that file's columns.
/// </summary>
public sealed record LeadCsvImportSpec(
    IReadOnlyDictionary<string, string> Columns,
    IReadOnlyDictionary<string, LeadStatus>? Stages = null,
    IReadOnlyDictionary<string, string>? AccountColumns = null);

/// <summary>An account read from an accounts file, validated.</summary>
public sealed record ImportedAccount(string Name, string? Sector, int? Employees, decimal? Revenue, string? Website, string? Notes);

/// <summary>A mapped accounts-file row: the account, or why not.</summary>
public sealed record AccountMapResult(ImportedAccount? Account, IReadOnlyList<string> Errors)
{
    public bool IsValid => Account is not null && Errors.Count == 0;
}

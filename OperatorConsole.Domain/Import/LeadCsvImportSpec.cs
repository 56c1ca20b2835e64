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

/// <summary>
/// An account read from an accounts file, validated. <see cref="Parent"/> is the parent company's name as the file
/// gives it; it is found among the accounts once the whole file is in (a parent may come after its subsidiary).
/// </summary>
public sealed record ImportedAccount(
    string Name, string? Sector, int? Employees, decimal? Revenue, string? Website, string? Notes,
    string? Country = null, int? YearEstablished = null, string? Parent = null);

/// <summary>A mapped accounts-file row: the account, or why not.</summary>
public sealed record AccountMapResult(ImportedAccount? Account, IReadOnlyList<string> Errors)
{
    public bool IsValid => Account is not null && Errors.Count == 0;
}

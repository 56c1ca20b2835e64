using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Templates;

public enum TemplateStatus
{
    Draft,
    Tested,
    Proven,
}

/// <summary>A starter codebase the agency reuses (sprint 4.3). Written only by people.</summary>
public class TemplateStarter
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Niche or use case, e.g. "dental intake", "B2B quoting".</summary>
    public required string Niche { get; set; }
    public List<string> Stack { get; set; } = [];
    public TemplateStatus Status { get; set; } = TemplateStatus.Draft;

    /// <summary>What it produced for clients, in words (the numbers live in the Results Ledger).</summary>
    public string? ResultsProduced { get; set; }
    public List<string> Modules { get; set; } = [];
    public string? Location { get; set; }
    public List<TemplateStarterClient> Clients { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A client (lead) that was built from a template: many-to-many.</summary>
public class TemplateStarterClient
{
    public int TemplateStarterId { get; set; }
    public int LeadId { get; set; }
    public DateTime AddedAt { get; set; }
}

public static class TemplateRules
{
    public const int NameMax = 200;
    public const int TagMax = 60;
    public const int MaxTags = 30;
    public const int TextMax = 8000;

    public static ValidationErrors ValidateFields(
        string? name, string? niche, IReadOnlyList<string?>? stack, IReadOnlyList<string?>? modules, string? results, string? location, TemplateStatus? status)
    {
        var errors = new ValidationErrors()
            .Required("name", name, NameMax)
            .Required("niche", niche, NameMax)
            .MaxLength("resultsProduced", results, TextMax)
            .MaxLength("location", location, 500)
            .Defined("status", status);
        Tags(errors, "stack", stack);
        Tags(errors, "modules", modules);
        return errors;
    }

    /// <summary>
    /// "proven" means it worked for someone: at least one client and a written result. Keeps the status honest
    /// when the list is used to pick a starter for a sale.
    /// </summary>
    public static string? ProvenBlocker(TemplateStatus status, int clientCount, string? resultsProduced) =>
        status == TemplateStatus.Proven && (clientCount == 0 || string.IsNullOrWhiteSpace(resultsProduced))
            ? "A proven template needs at least one client and the results it produced; mark it tested until then."
            : null;

    /// <summary>Trimmed, without blanks or case-insensitive duplicates, in the order given.</summary>
    public static List<string> CleanTags(IEnumerable<string?>? tags) =>
        (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())
            .DistinctBy(t => t.ToLowerInvariant()).ToList();

    private static void Tags(ValidationErrors errors, string field, IReadOnlyList<string?>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            errors.Add(field, $"At most {MaxTags} entries.");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            errors.MaxLength($"{field}[{i}]", tags[i], field == "modules" ? NameMax : TagMax);
        }
    }
}

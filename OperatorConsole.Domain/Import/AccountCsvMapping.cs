using System.Globalization;
using OperatorConsole.Domain.Accounts;

namespace OperatorConsole.Domain.Import;

/// <summary>
/// The optional accounts file of a generic import (a CRM's companies export, e.g. Maven's accounts.csv): its columns
/// are guessed like the deals file's, and it is imported first so the deals find their accounts by name.
/// </summary>
public static class AccountCsvMapping
{
    public static readonly IReadOnlyList<LeadCsvField> Fields =
    [
        new("name", "Account name", true, ["name", "account", "accountname", "company", "companyname", "organization", "organisation"]),
        new("sector", "Sector", false, ["sector", "industry", "vertical"]),
        new("employees", "Employees", false, ["employees", "employeecount", "numberofemployees", "headcount", "size"]),
        new("revenue", "Annual revenue", false, ["revenue", "annualrevenue"]),
        new("revenueMillions", "Annual revenue (in millions)", false, ["revenuemillions", "revenuem", "revenueinmillions"]),
        new("website", "Website", false, ["website", "web", "url", "domain", "homepage"]),
        new("country", "Country (headquarters)", false, ["country", "officelocation", "headquarters", "hq", "hqcountry", "billingcountry"]),
        new("yearEstablished", "Year established", false, ["yearestablished", "established", "founded", "yearfounded", "foundedyear"]),
        new("parent", "Parent company", false, ["parent", "parentaccount", "parentcompany", "subsidiaryof", "parentname"]),
        new("notes", "Notes", false, ["notes", "note", "description", "about"]),
    ];

    public static Dictionary<string, string> Guess(IReadOnlyList<string> headers) => Guess(Fields, headers);

    internal static Dictionary<string, string> Guess(IReadOnlyList<LeadCsvField> fields, IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var match = headers.FirstOrDefault(h => !used.Contains(h) && LeadCsvMapping.Squash(h) == LeadCsvMapping.Squash(field.Name))
                ?? headers.FirstOrDefault(h => !used.Contains(h) && field.Aliases.Any(a => LeadCsvMapping.Squash(a) == LeadCsvMapping.Squash(h)));
            if (match is not null)
            {
                mapping[field.Name] = match;
                used.Add(match);
            }
        }

        return mapping;
    }

    public static IReadOnlyList<string> ValidateMapping(IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> headers)
    {
        var errors = new List<string>();
        if (!mapping.ContainsKey("name"))
        {
            errors.Add("Accounts file: map a column to 'Account name': it is required.");
        }

        foreach (var (field, column) in mapping)
        {
            if (Fields.All(f => f.Name != field))
            {
                errors.Add($"Accounts file: '{field}' is not an account field.");
            }
            else if (!headers.Contains(column))
            {
                errors.Add($"Accounts file: column '{column}' (mapped to '{field}') is not in the file.");
            }
        }

        return errors;
    }

    /// <param name="thisYear">The current year: a company is not established after it.</param>
    public static AccountMapResult Map(IReadOnlyDictionary<string, string> mapping, Func<string, string?> get, int thisYear)
    {
        string? Cell(string field) => mapping.TryGetValue(field, out var column) ? LeadCsvMapping.Clean(get(column)) : null;

        var errors = new List<string>();
        var name = AccountRules.CleanName(Cell("name"));
        var sector = Cell("sector");
        var website = Cell("website");
        var notes = Cell("notes");
        int? employees = null;
        if (Cell("employees") is { } employeesText)
        {
            if (decimal.TryParse(employeesText, NumberStyles.Number, CultureInfo.InvariantCulture, out var count) && count == decimal.Truncate(count))
            {
                employees = count is >= 0 and <= AccountRules.MaxEmployees ? (int)count : -1;
            }
            else
            {
                errors.Add($"employees: '{employeesText}' is not a whole number.");
            }
        }

        int? year = null;
        if (Cell("yearEstablished") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                year = parsed;
            }
            else
            {
                errors.Add($"yearEstablished: '{yearText}' is not a year.");
            }
        }

        var revenue = LeadCsvMapping.ParseDecimal("revenue", Cell("revenue"), errors);
        if (LeadCsvMapping.ParseDecimal("revenueMillions", Cell("revenueMillions"), errors) is { } millions)
        {
            revenue = millions * 1_000_000m;
        }

        var country = Cell("country");
        var parent = AccountRules.CleanName(Cell("parent"));
        var fields = new AccountFields(name, sector, employees, revenue, website, notes, country, year);
        var fieldErrors = AccountRules.Validate(fields, nameRequired: true, thisYear).ToDictionary();
        errors.AddRange(fieldErrors.SelectMany(e => e.Value.Select(m => e.Key == "name" && name is null ? "name: empty; every account needs a name." : m)));
        if (parent is not null && AccountRules.NameKey(parent) == AccountRules.NameKey(name))
        {
            errors.Add("parent: an account cannot be its own parent.");
        }
        return errors.Count > 0
            ? new AccountMapResult(null, errors)
            : new AccountMapResult(new ImportedAccount(name!, sector, employees, revenue, AccountRules.NormalizeWebsite(website), notes, country, year, parent), []);
    }
}

using System.Globalization;
using CsvHelper;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Data.Import;

/// <summary>
/// A row read from a file and mapped: its spreadsheet row number (header = 1) and the result; for a preview also the
/// mapped cells as the file has them (field → text), so a refused row shows the values that failed.
/// </summary>
public sealed record SourceRow(int Row, RowMapResult Result, IReadOnlyDictionary<string, string?>? Cells = null);

/// <summary>An accounts-file row and its mapping.</summary>
public sealed record AccountSourceRow(int Row, AccountMapResult Result);

/// <summary>A stage value as the file spells it, how many rows carry it, and our stage when mapped.</summary>
public sealed record StageValueCount(string Value, int Rows, OperatorConsole.Domain.Leads.LeadStatus? MappedTo);

/// <summary>Reads CSV files into mapped rows. Malformed lines become row errors, never exceptions.</summary>
public static class ImportSources
{
    // Separator detected (comma, semicolon, tab, pipe); ragged rows read missing cells as empty.
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with { TrimWhitespace = true };

    public static IReadOnlyList<string> ReadHeader(Stream stream)
    {
        using var csv = CsvReader.Create(stream, Options, leaveOpen: true);
        csv.ReadHeader();
        return csv.Headers.ToList();
    }

    /// <summary>Every row of a leads/deals CSV mapped with <paramref name="mapping"/> (the first <paramref name="take"/> when set).</summary>
    public static List<SourceRow> ReadLeadsCsv(Stream stream, IReadOnlyDictionary<string, string> mapping, DateTime now, int? take = null) =>
        ReadLeadsCsv(stream, new LeadCsvImportSpec(mapping), now, keepCells: false);

    /// <summary>
    /// Every row mapped with the operator's columns and stage values. A row without a creation date is created at
    /// the file's "as of" — its newest created/closed date — not at import time: an export from 2017 stays in 2017
    /// (the Maven mapping does the same for Prospecting). <paramref name="now"/> is used when the file has no date.
    /// </summary>
    public static List<SourceRow> ReadLeadsCsv(Stream stream, LeadCsvImportSpec spec, DateTime now, bool keepCells)
    {
        var (index, raw) = ReadRaw(stream);
        var mapping = spec.Columns;
        string? Cell(string[] cells, string field) =>
            mapping.TryGetValue(field, out var column) && index.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;

        DateTime? asOf = null;
        var ignored = new List<string>();
        foreach (var (_, cells) in raw)
        {
            foreach (var field in new[] { "createdAt", "closedAt" })
            {
                if (LeadCsvMapping.Clean(Cell(cells, field)) is { } text && LeadCsvMapping.ParseDate(field, text, ignored) is { } date && (asOf is null || date > asOf))
                {
                    asOf = date;
                }
            }
        }

        var rows = new List<SourceRow>(raw.Count);
        foreach (var (row, cells) in raw)
        {
            var result = LeadCsvMapping.Map(mapping, spec.Stages, column => index.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null, asOf ?? now);
            rows.Add(new SourceRow(row, result, keepCells ? mapping.Keys.ToDictionary(f => f, f => Cell(cells, f), StringComparer.Ordinal) : null));
        }

        return rows;
    }

    /// <summary>The distinct values of one column with their row counts (the stage step of the mapping), most rows first.</summary>
    public static List<(string Value, int Rows)> DistinctValues(Stream stream, string column, int max = 200)
    {
        var (index, raw) = ReadRaw(stream);
        if (!index.TryGetValue(column, out var i))
        {
            return [];
        }

        return raw.Select(r => i < r.Cells.Length ? LeadCsvMapping.Clean(r.Cells[i]) : null).OfType<string>()
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First(), g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Item1, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToList();
    }

    /// <summary>Every row of an accounts file mapped with <paramref name="mapping"/>.</summary>
    public static List<AccountSourceRow> ReadAccountsCsv(Stream stream, IReadOnlyDictionary<string, string> mapping, int thisYear)
    {
        var (index, raw) = ReadRaw(stream);
        return raw.Select(r => new AccountSourceRow(r.Row, AccountCsvMapping.Map(mapping,
            column => index.TryGetValue(column, out var i) && i < r.Cells.Length ? r.Cells[i] : null, thisYear))).ToList();
    }

    /// <summary>The header index and every row's cells; malformed quoting is CsvHelper's job (a bad line reads as its cells).</summary>
    private static (Dictionary<string, int> Index, List<(int Row, string[] Cells)> Rows) ReadRaw(Stream stream)
    {
        using var csv = CsvReader.Create(stream, Options, leaveOpen: true);
        csv.ReadHeader();
        var headers = csv.Headers.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            index.TryAdd(headers[i], i);
        }

        var rows = new List<(int, string[])>();
        while (csv.Read())
        {
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }

            // Spreadsheet numbering: the header is row 1.
            rows.Add(((int)csv.RowNumber + 1, cells));
        }

        return (index, rows);
    }

    /// <summary>
    /// Maven's accounts.csv with its own mapping: revenue is in millions of USD there (×1,000,000 here); its office
    /// location is the headquarters' country and <c>subsidiary_of</c> names the parent account.
    /// </summary>
    public static List<AccountSourceRow> ReadMavenAccounts(string folder, int thisYear)
    {
        var path = Path.Combine(folder, MavenCrmMapping.AccountsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = File.OpenRead(path);
        return ReadAccountsCsv(file, MavenAccountColumns, thisYear);
    }

    private static readonly Dictionary<string, string> MavenAccountColumns = new(StringComparer.Ordinal)
    {
        ["name"] = "account",
        ["sector"] = "sector",
        ["employees"] = "employees",
        ["revenueMillions"] = "revenue",
        ["country"] = "office_location",
        ["yearEstablished"] = "year_established",
        ["parent"] = "subsidiary_of",
    };

    /// <summary>Maven's sales_teams.csv (sales_agent, manager, regional_office), or nothing when the folder has none.</summary>
    public static List<TeamSourceRow> ReadMavenTeams(string folder)
    {
        var path = Path.Combine(folder, MavenCrmMapping.TeamsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = File.OpenRead(path);
        var (index, raw) = ReadRaw(file);
        string? Get(string[] cells, string column) => index.TryGetValue(column, out var i) && i < cells.Length ? LeadCsvMapping.Clean(cells[i]) : null;
        return raw.Select(r => new TeamSourceRow(r.Row, Get(r.Cells, "sales_agent"), Get(r.Cells, "manager"), Get(r.Cells, "regional_office"))).ToList();
    }

    /// <summary>The Maven CRM pipeline with the built-in mapping; prices come from products.csv next to it.</summary>
    public static List<SourceRow> ReadMavenCrm(string folder)
    {
        var pipelinePath = Path.Combine(folder, MavenCrmMapping.PipelineFile);
        var productsPath = Path.Combine(folder, MavenCrmMapping.ProductsFile);
        var prices = new Dictionary<string, MavenProduct>(StringComparer.Ordinal);
        if (File.Exists(productsPath))
        {
            using var products = CsvReader.FromFile(productsPath, Options);
            var product = products.GetFieldIndex("product");
            var price = products.GetFieldIndex("sales_price");
            while (products.Read())
            {
                if (decimal.TryParse(products.GetString(price), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                    && LeadCsvMapping.Clean(products.GetString(product)) is { } name)
                {
                    prices[MavenCrmMapping.ProductKey(name)] = new MavenProduct(name, value);
                }
            }
        }

        var raw = new List<(int Row, MavenOpportunity Opportunity)>(9000);
        using (var csv = CsvReader.FromFile(pipelinePath, Options))
        {
            var columns = MavenCrmMapping.PipelineColumns.Select(c => csv.TryGetFieldIndex(c, out var i) ? i : -1).ToArray();
            string? Get(int column) => columns[column] >= 0 && columns[column] < csv.FieldCount ? csv.GetString(columns[column]) : null;
            while (csv.Read())
            {
                raw.Add(((int)csv.RowNumber + 1, new MavenOpportunity(Get(0), Get(1), Get(2), Get(3), Get(4), Get(5), Get(6), Get(7))));
            }
        }

        var asOf = MavenCrmMapping.AsOf(raw.Select(r => r.Opportunity)) ?? new DateTime(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        return raw.Select(r => new SourceRow(r.Row, MavenCrmMapping.Map(r.Opportunity, prices, asOf))).ToList();
    }

    /// <summary>
    /// The Maven CRM sample shipped next to the repository: Import:MavenFolder when set, else the first
    /// "shared/datasets/maven-crm" found walking up from the app and the working folder, else /work/shared.
    /// </summary>
    public static string? FindMavenFolder(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "maven-crm");
                if (File.Exists(Path.Combine(candidate, MavenCrmMapping.PipelineFile)))
                {
                    return candidate;
                }
            }
        }

        const string fallback = "/work/shared/datasets/maven-crm";
        return File.Exists(Path.Combine(fallback, MavenCrmMapping.PipelineFile)) ? fallback : null;
    }
}

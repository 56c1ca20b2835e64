using System.Globalization;
using CsvHelper;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Data.Import;

/// <summary>A row read from a file and mapped: its spreadsheet row number (header = 1) and the result.</summary>
public sealed record SourceRow(int Row, RowMapResult Result);

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
    public static List<SourceRow> ReadLeadsCsv(Stream stream, IReadOnlyDictionary<string, string> mapping, DateTime now, int? take = null)
    {
        using var csv = CsvReader.Create(stream, Options, leaveOpen: true);
        csv.ReadHeader();
        var headers = csv.Headers.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            index.TryAdd(headers[i], i);
        }

        var rows = new List<SourceRow>();
        while ((take is null || rows.Count < take) && csv.Read())
        {
            string? Get(string column) => index.TryGetValue(column, out var i) && i < csv.FieldCount ? csv.GetString(i) : null;
            // Spreadsheet numbering: the header is row 1.
            rows.Add(new SourceRow((int)csv.RowNumber + 1, LeadCsvMapping.Map(mapping, Get, now)));
        }

        return rows;
    }

    /// <summary>The Maven CRM pipeline with the built-in mapping; prices come from products.csv next to it.</summary>
    public static List<SourceRow> ReadMavenCrm(string folder)
    {
        var pipelinePath = Path.Combine(folder, MavenCrmMapping.PipelineFile);
        var productsPath = Path.Combine(folder, MavenCrmMapping.ProductsFile);
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (File.Exists(productsPath))
        {
            using var products = CsvReader.FromFile(productsPath, Options);
            var product = products.GetFieldIndex("product");
            var price = products.GetFieldIndex("sales_price");
            while (products.Read())
            {
                if (decimal.TryParse(products.GetString(price), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    prices[MavenCrmMapping.ProductKey(products.GetString(product))] = value;
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

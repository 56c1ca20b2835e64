using System.Net;
using System.Text;
using CsvHelper;
using OperatorConsole.Domain.Access;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>Reading exported CSV back the way a consumer would (CsvHelper), and the callers of an authorization check.</summary>
internal static class ExportTestSupport
{
    /// <summary>Every record of <paramref name="csv"/> as <typeparamref name="T"/>, read with CsvHelper's defaults.</summary>
    public static List<T> ParseCsv<T>(string csv)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(csv));
        return reader.GetRecords<T>().ToList();
    }

    /// <summary>An empty cell reads back as "": compare text with null and empty as the same "nothing".</summary>
    public static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Text that a spreadsheet would run as a formula is exported behind a ' (CSV injection); all other text as it is.</summary>
    public static string? AsExported(string? text) => text is { Length: > 0 } && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;

    /// <summary>Times are written ISO-8601 with a Z; whatever kind the reader gives them, compare them as UTC.</summary>
    public static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
    };

    /// <summary>A 200 CSV download named <c>{what}-yyyyMMdd-HHmm.csv</c>, sent as an attachment.</summary>
    public static void ShouldBeCsvAttachment(this HttpResponseMessage response, string what)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().MatchRegex($@"^""?{what}-\d{{8}}-\d{{4}}\.csv""?$");
    }

    public static async Task<string> ExportAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Anonymous, a key without the read scope, the agent's key (every scope), a viewer and an operator.</summary>
    public static async Task<IReadOnlyList<(string Name, HttpClient Client)>> CallersAsync(ConsoleFactory factory) =>
    [
        ("anonymous", factory.CreateAnonymousClient()),
        ("key without read", factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.JobsWrite))),
        ("agent key", factory.CreateAgentClient()),
        ("viewer", await factory.CreateViewerClientAsync()),
        ("operator", await factory.CreateOperatorClientAsync()),
    ];
}

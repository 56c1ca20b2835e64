using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// Every POST/PUT/PATCH endpoint, as the most powerful caller, fed malformed and hostile bodies: each answer is a
/// 4xx problem document (never a 500) and not a single row is written. Valid text that carries markup is stored as
/// text and rendered escaped.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.DemoFactory factory) : IClassFixture<HostileInputTests.DemoFactory>
{
    public sealed class DemoFactory : ConsoleFactory
    {
        public DemoFactory() => SeedDemo = true;
    }

    /// <summary>Structurally invalid bodies must be refused (4xx); JSON objects whose fields an endpoint does not know are ignored by design, so for those the check is "no 5xx, nothing written".</summary>
    public static IEnumerable<(string Name, string Body)> HostileBodies()
    {
        yield return ("array instead of object", "[]");
        yield return ("bare string", "\"hello\"");
        yield return ("truncated JSON", "{\"title\": \"x\",");
        yield return ("not JSON at all", "title=x&kind=y");
        yield return ("deep nesting", new string('[', 200) + new string(']', 200));
        yield return ("huge string", "{\"title\":\"" + new string('A', 400_000) + "\"}");
        yield return ("wrong types everywhere",
            """{"title":{"$gt":""},"name":[1,2],"kind":12,"leadId":"1; DROP TABLE Lead;--","status":["<script>alert(1)</script>"],"steps":"' OR 1=1 --","ok":"yes","channel":7,"direction":{},"question":42,"filesTouched":"src/a.cs","result":{"x":1},"humanApproved":"true","approve":"1","scopes":"read","priceMin":"cheap","score":"five","value":"1e999999","estimatedValue":"NaN"}""");
        yield return ("nulls for everything", """{"title":null,"kind":null,"steps":null,"ok":null,"channel":null,"direction":null,"question":null,"status":null,"approve":null}""");
        yield return ("numbers out of range", """{"leadId":99999999999999999999,"estimatedValue":1e400,"testsPassed":-1e300}""");
    }

    [Fact]
    public async Task EveryWriteEndpoint_RejectsHostileBodies_WithProblemDocuments_AndWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        // Endpoints that declare a body; an action without one (e.g. "reset to defaults") has nothing to fuzz.
        var endpoints = EndpointCatalog.Read(factory).Where(e => e.Method is "POST" or "PUT" or "PATCH" && e.HasBody).ToList();
        endpoints.Should().NotBeEmpty();
        var before = await RowCountsAsync();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            foreach (var (name, body) in HostileBodies())
            {
                // Path ids point nowhere: a body the endpoint accepts then ends in 404, never a change.
                var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.SamplePath())
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                // 503 is the documented "not configured" answer of the Azure OpenAI drafting endpoint: no crash, no write.
                var isObject = body.TrimStart().StartsWith('{') && name is "wrong types everywhere" or "nulls for everything" or "numbers out of range";
                var refused = status is >= 400 and < 500 || (status == 503 && endpoint.Route.EndsWith("/ai-draft", StringComparison.Ordinal));
                if (status >= 500 && !refused)
                {
                    failures.Add($"{endpoint} with {name}: {status}");
                }
                else if (!refused && !isObject)
                {
                    failures.Add($"{endpoint} with {name}: {status}");
                }
                else if (refused && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{endpoint} with {name}: {status} without a problem document");
                }
            }
        }

        failures.Should().BeEmpty();
        var after = await RowCountsAsync();
        after.Should().BeEquivalentTo(before, "a rejected request writes nothing");
    }

    [Fact]
    public async Task MarkupInValidText_IsStoredAsText_AndRenderedEscaped()
    {
        const string Title = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var created = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = Title, company = "'; DROP TABLE Lead; --" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        (await (await factory.CreateAgentClient().GetAsync($"/api/leads/{id}")).ReadJsonAsync()).GetProperty("title").GetString().Should().Be(Title);

        var client = await factory.CreateOperatorClientAsync();
        var html = await client.GetStringAsync($"/leads/{id}");

        html.Should().NotContain("<script>alert('x')</script>");
        html.Should().NotContain("<img src=x onerror");
        html.Should().Contain("&lt;script&gt;");
    }

    /// <summary>
    /// Rows per table, except bookkeeping a rejected request does not cause but may see change meanwhile: the semantic
    /// index (EmbeddingRecord) is filled in the background from records seeded before the request.
    /// </summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' AND name <> 'EmbeddingRecord'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = db.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}

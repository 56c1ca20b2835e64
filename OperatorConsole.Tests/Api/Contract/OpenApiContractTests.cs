using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OperatorConsole.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>
/// The served document as third-party tools judge it: Redocly's recommended ruleset reports no error, every
/// operation says who may call it, what it is and which problems it answers with, every tag is described, and
/// no enum lists null (a nullable use says so with oneOf, and null in both made strict validators reject it).
/// </summary>
public sealed class OpenApiContractTests(ConsoleFactory factory, ITestOutputHelper output) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task EveryOperation_HasSummary_OperationId_Security_AndProblemResponses()
    {
        var document = await OpenApiDocument.LoadAsync(factory);
        var problems = new List<string>();
        foreach (var (method, path, operation) in document.Operations().Where(o => o.Path.StartsWith("/api", StringComparison.Ordinal)))
        {
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) problems.Add($"{method} {path}: no summary");
            if (string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>())) problems.Add($"{method} {path}: no operationId");
            if (operation["security"] is not JsonArray { Count: > 0 }) problems.Add($"{method} {path}: no security requirement");
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            if (!statuses.Contains("401") || !statuses.Contains("403")) problems.Add($"{method} {path}: 401/403 not documented");
            if (path.Contains('{') && !statuses.Contains("404")) problems.Add($"{method} {path}: 404 not documented");
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task SecurityRequirements_FollowTheEndpointPolicy()
    {
        var document = await OpenApiDocument.LoadAsync(factory);
        var schemes = document.Root["components"]!["securitySchemes"]!.AsObject();
        schemes["ApiKey"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        schemes["Cookie"]!["in"]!.GetValue<string>().Should().Be("cookie");

        Security(document, "POST", "/api/pipeline-runs").Should().BeEquivalentTo(["ApiKey:runs:write", "Cookie:"]);
        Security(document, "GET", "/api/leads").Should().BeEquivalentTo(["ApiKey:read", "Cookie:"]);
        Security(document, "GET", "/api/audit").Should().BeEquivalentTo(["Cookie:"], "operator-only: no key passes");
    }

    [Fact]
    public async Task EveryTag_IsDescribed_AndNoEnumListsNull_AndTheServerHasNoTrailingSlash()
    {
        var document = await OpenApiDocument.LoadAsync(factory);

        document.Root["tags"]!.AsArray().Where(t => string.IsNullOrWhiteSpace(t!["description"]?.GetValue<string>())).Select(t => t!["name"]!.GetValue<string>())
            .Should().BeEmpty("add the tag to DocumentContractTransformer.TagDescriptions");
        document.Root["components"]!["schemas"]!.AsObject().Where(s => s.Value!["enum"] is JsonArray values && values.Any(v => v is null)).Select(s => s.Key)
            .Should().BeEmpty();
        document.Root["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).Should().OnlyContain(u => u == "/" || !u.EndsWith('/'));
    }

    /// <summary>The same lint .ci/run runs (scripts/openapi-lint.sh), over the document this build serves.</summary>
    [Fact]
    public async Task RedoclyRecommended_ReportsNoErrors()
    {
        var root = RepositoryRoot();
        var file = Path.Combine(Path.GetTempPath(), $"oc-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var (exit, stdout) = await RunAsync("npx", $"--yes @redocly/cli@2.77.0 lint --config \"{Path.Combine(root, "redocly.yaml")}\" --format=json --max-problems 5000 \"{file}\"", root);
            var report = JsonNode.Parse(stdout[stdout.IndexOf('{')..])!;
            var problems = report["problems"]!.AsArray();
            var errors = problems.Where(p => p!["severity"]!.GetValue<string>() == "error").Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]![0]!["pointer"]}").ToList();
            output.WriteLine($"Redocly: {errors.Count} errors, {problems.Count - errors.Count} warnings (exit {exit}).");
            foreach (var warning in problems.Where(p => p!["severity"]!.GetValue<string>() != "error"))
            {
                output.WriteLine($"  warning {warning!["ruleId"]}: {warning["message"]}");
            }

            errors.Should().BeEmpty();
            exit.Should().Be(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> Security(OpenApiDocument document, string method, string path) =>
        document.Operations().Single(o => o.Method == method && o.Path == path).Operation["security"]!.AsArray()
            .SelectMany(r => r!.AsObject().Select(s => $"{s.Key}:{string.Join(",", s.Value!.AsArray().Select(v => v!.GetValue<string>()))}"));

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "redocly.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("redocly.yaml not found above the test binaries.");
    }

    private static async Task<(int Exit, string Stdout)> RunAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        _ = await stderr;
        return (process.ExitCode, await stdout);
    }
}

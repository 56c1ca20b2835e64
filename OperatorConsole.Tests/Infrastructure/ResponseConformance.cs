using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// Every JSON answer any API test receives is validated (JsonSchema.Net, draft 2020-12) against the schema the served
/// OpenAPI document declares for that operation and status. Hooked into every <see cref="ConsoleFactory"/> as the
/// outermost middleware, so all API tests feed it without knowing; a mismatch (or an undocumented status) is kept and
/// fails the test class when its factory is disposed. Totals across the run go to
/// <c>artifacts/schema-conformance.txt</c> (one line per factory).
/// </summary>
public sealed partial class ResponseConformance(Func<Task<string>> loadDocument)
{
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new();
    private readonly ConcurrentQueue<string> _mismatches = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private JsonObject? _document;
    private JsonObject? _defs;
    private int _checked;
    private int _conforming;
    private int _reported;

    public IReadOnlyCollection<string> Mismatches => _mismatches;

    public int Checked => _checked;

    public int Conforming => _conforming;

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    public IStartupFilter StartupFilter() => new Filter(this);

    private sealed class Filter(ResponseConformance conformance) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(conformance.InvokeAsync);
            next(app);
        };
    }

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        buffer.Position = 0;
        await CheckAsync(context, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    private async Task CheckAsync(HttpContext context, MemoryStream body)
    {
        var contentType = context.Response.ContentType ?? "";
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint ?? context.GetEndpoint() as RouteEndpoint;
        if (endpoint is null || body.Length == 0 || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return; // Not an operation (unknown path, 405), or nothing to validate (204, CSV, files).
        }

        var path = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText ?? "", "{$1}").Trim('/');
        var method = context.Request.Method.ToLowerInvariant() == "head" ? "get" : context.Request.Method.ToLowerInvariant();
        var status = context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mediaType = contentType.Split(';')[0].Trim();
        var key = $"{method} {path} {status} {mediaType}";
        var schema = await SchemaForAsync(key, method, path, status, mediaType);
        Interlocked.Increment(ref _checked);
        if (schema is null)
        {
            _mismatches.Enqueue($"{key}: the document declares no schema for this answer");
            return;
        }

        using var json = JsonDocument.Parse(body.ToArray());
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            Interlocked.Increment(ref _conforming);
            return;
        }

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct().Take(5);
        _mismatches.Enqueue($"{key}: {string.Join("; ", errors)}");
    }

    private async Task<JsonSchema?> SchemaForAsync(string key, string method, string path, string status, string mediaType)
    {
        if (_schemas.TryGetValue(key, out var cached))
        {
            return cached;
        }

        await LoadAsync();
        var content = _document!["paths"]?[path]?[method]?["responses"]?[status]?["content"]?.AsObject();
        var declared = content?[mediaType]?["schema"] ?? content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value?["schema"];
        JsonSchema? schema = null;
        if (declared is not null)
        {
            // One self-contained schema: the operation's schema plus every component under $defs.
            var text = declared.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            var self = JsonNode.Parse(text)!.AsObject();
            self["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            self["$defs"] = _defs!.DeepClone();
            schema = JsonSchema.FromText(self.ToJsonString(), baseUri: new Uri($"https://operator-console.test/{Guid.NewGuid():N}"));
        }

        return _schemas.GetOrAdd(key, schema);
    }

    private async Task LoadAsync()
    {
        if (_document is not null)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            if (_document is null)
            {
                var document = JsonNode.Parse(await loadDocument())!.AsObject();
                var defs = JsonNode.Parse(document["components"]?["schemas"]?.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal) ?? "{}")!.AsObject();
                _defs = defs;
                _document = document;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Appends this factory's totals to the run's report (shared by every test class).</summary>
    public void Report(string owner)
    {
        if (_checked == 0 || Interlocked.Exchange(ref _reported, 1) == 1)
        {
            return;
        }

        var folder = Path.Combine(OperatorConsole.Tests.Api.Contract.OpenApiContractTests.RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(folder);
        lock (typeof(ResponseConformance))
        {
            File.AppendAllText(Path.Combine(folder, "schema-conformance.txt"), $"{owner}\t{_checked}\t{_conforming}\t{_mismatches.Count}\n");
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OperatorConsole.Domain.Access;

namespace OperatorConsole.Web.Api.OpenApi;

/// <summary>
/// The document-wide parts: the two ways in (bearer API key with its scopes, the people's cookie), the problem
/// document schema every error response refers to, tag descriptions, a server URL without a trailing slash,
/// and enum schemas that do not list null (a nullable use already says so with <c>oneOf [{type: null}, {$ref}]</c>;
/// null in the enum as well made a null value match both branches, which strict validators reject).
/// </summary>
internal sealed class DocumentContractTransformer : IOpenApiDocumentTransformer
{
    /// <summary>What each tag groups; a tag missing here is an error in <c>OpenApiContractTests</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Accounts"] = "Customer companies: their deals, won value, active projects, results and last touch, worst first.",
        ["Teams"] = "The deal owners with their manager and regional office (a CRM's sales teams, imported with its deals) and what their deals add up to.",
        ["Alerts"] = "Alert channels (webhook, e-mail), rules on failure changes, deliveries and the daily digest.",
        ["Agent jobs"] = "The coding agent's job ledger: what it changed, its tests, risk, human approval and deployment.",
        ["Approvals"] = "Human gates: requests waiting for an operator's decision, and the decisions with who, when and why.",
        ["Audit"] = "The append-only log of decisions and edits (operator only).",
        ["Build Ops"] = "Build tasks for client work and their progress.",
        ["Command Center"] = "The morning brief and the scorecard the Command Center shows.",
        ["Constraint"] = "The current business constraint (the one stage holding the agency back) and its evidence.",
        ["Expectations"] = "Expectation snapshots per lead: what the client asks for versus what is realistic.",
        ["Failures"] = "Everything that needs a person, grouped Broken / Needs a decision / Nudges, with acknowledgements.",
        ["Import & export"] = "CSV and Maven CRM imports as background jobs, and CSV exports that mirror the lists.",
        ["Integrations"] = "Heartbeats from connected systems and their health.",
        ["Leads"] = "Leads and deals: status with history, touches and the timeline.",
        ["Learning"] = "Lessons proposed from delivered work and promoted into the playbook by a person.",
        ["Offer ladder"] = "Each lead's offer type and the reasoning behind it; performance per offer type.",
        ["Ops chat"] = "Questions about the business answered from its own data.",
        ["Pipeline runs"] = "Automation runs with their steps; status computed from the steps.",
        ["Proposals"] = "Proposal drafts, AI drafting and sending through an approval.",
        ["Results"] = "Client results: targets, baselines, outcomes and proof.",
        ["Reusable assets"] = "What each project left behind for reuse, and where it is stored.",
        ["Search"] = "One search box over leads, clients, pages and more.",
        ["Service packages"] = "Productized service packages, their prices and track record.",
        ["Settings"] = "Thresholds, API keys and risk rules.",
        ["Templates"] = "Template starters built from delivered projects and the clients built on them.",
        ["Risk"] = "Risk rules that classify agent changes before a person approves them.",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Operator Console API";
        document.Info.Description = "Machines authenticate with `Authorization: Bearer <api key>` (scopes below); people with the " +
            "sign-in cookie. Request bodies are strict: an unknown field is a 422 naming it. Errors are RFC 9457 problem " +
            "documents. Conventions, status codes and the field-name aliases: docs/api.md.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [OperationContractTransformer.ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key created in Settings → API keys, sent as `Authorization: Bearer <key>`. The scopes a key " +
                    "may hold (each operation lists the one it needs): " +
                    string.Join("; ", ApiScopes.All.Select(s => $"`{s}` — {ApiScopes.Descriptions[s]}")) +
                    ". No key passes an operator-only operation.",
            },
            [OperationContractTransformer.CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "oc.auth",
                Description = "The people's sign-in cookie, set by `POST /login`. Operators decide and edit; viewers read.",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[OperationContractTransformer.ProblemSchema] = ProblemDetailsSchema();
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            DropNullFromEnum(schema);
        }

        DescribeTags(document);
        await DropUnusedSchemasAsync(document);
    }

    /// <summary>
    /// The generator sometimes registers a component and then inlines it (a list of records behind a renamed
    /// property); an unreferenced component only confuses client generators, so it goes.
    /// </summary>
    private static async Task DropUnusedSchemasAsync(OpenApiDocument document)
    {
        for (var pass = 0; pass < 8 && document.Components?.Schemas is { Count: > 0 } schemas; pass++)
        {
            using var buffer = new MemoryStream();
            await document.SerializeAsJsonAsync(buffer, OpenApiSpecVersion.OpenApi3_1);
            var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            var unused = schemas.Keys.Where(name => !text.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal)).ToList();
            if (unused.Count == 0)
            {
                return;
            }

            unused.ForEach(name => schemas.Remove(name));
        }
    }

    private static void DropNullFromEnum(OpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.Null))
        {
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
            schema.Type = JsonSchemaType.String;
        }
    }

    private static void DescribeTags(OpenApiDocument document)
    {
        var used = (document.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name),
        }));
    }

    /// <summary>RFC 9457 with our extensions: <c>traceId</c> always, <c>errors</c> (field → messages) for field problems.</summary>
    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem document.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Field (JSON path, e.g. `steps[0].success`) or query parameter → messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}

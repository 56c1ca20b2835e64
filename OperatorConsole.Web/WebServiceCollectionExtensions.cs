using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using MudBlazor;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>UI, auth, API conventions and live push. Reads like the list of what the web layer owns.</summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Environment.IsProduction() || builder.Configuration.GetValue<bool>("Web:UseStaticWebAssets"))
        {
            // "dotnet run" in Production serves no static web assets unless told to (STACK.md pitfalls).
            builder.WebHost.UseStaticWebAssets();
        }

        // No "Server: Kestrel": nothing to tell a scanner which server and version to try.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        services.AddCascadingAuthenticationState();

        services.AddConsoleAuth(builder.Configuration);
        services.AddConsoleApiConventions(builder.Configuration);
        services.AddLiveConsole(builder.Configuration);
        services.AddConsoleFeatures(builder.Configuration);

        // "database" is unhealthy while writes fail (a held lock, a full disk), not only when it cannot connect.
        services.AddHealthChecks().AddCheck<DatabaseWritableHealthCheck>("database", tags: ["ready"])
            .AddCheck<OperatorConsole.Web.Features.Audit.AuditChainHealthCheck>("audit-chain", tags: ["ready"]);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>().AddOperationTransformer(HumanGateEndpoints.Describe));
        return builder;
    }

    public static IServiceCollection AddConsoleApiConventions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddConsoleRateLimiting(configuration);
        services.AddSingleton<IdempotencyPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyPruner>());
        return services;
    }

    /// <summary>Request documents that replace a whole stored document; unknown fields in them are a 422.</summary>
    public static readonly HashSet<Type> StrictDocuments =
    [
        typeof(OperatorConsole.Domain.Settings.Thresholds),
        // Starting an import is an action: a body of unknown fields must not start one with the defaults.
        typeof(OperatorConsole.Web.Features.Import.MavenImportRequest),
    ];

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
        // Unknown fields are ignored, so clients written against an older or newer contract keep working
        // ("extend, never break"). Full-replacement documents (PUT) are the exception: a body whose fields are
        // all unknown would otherwise silently reset every setting to its default.
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (StrictDocuments.Contains(info.Type))
                    {
                        info.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                    }
                },
            },
        };
    }
}

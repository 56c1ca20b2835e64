using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using MudBlazor;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Api.Contract;
using OperatorConsole.Web.Api.OpenApi;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>UI, auth, API conventions, live push and the features (<see cref="ConsoleFeatures"/>). Reads like the list of what the web layer owns.</summary>
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
        services.AddConsoleOpenApi(o => o.AddOperationTransformer(HumanGateEndpoints.Describe));
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

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Exact snake_case enums and explicit-zone times: one spelling per value, one instant per time (docs/api.md).
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new UtcTime.DateTimeConverter());
        options.Converters.Add(new UtcTime.DateTimeOffsetConverter());
        options.MaxDepth = 32;
        // Numbers are JSON numbers: "leadId": "1" is a wrong-typed field (422), as docs/api.md says.
        options.NumberHandling = JsonNumberHandling.Strict;
        // A field this endpoint does not know is a 422 naming it, never dropped: a client using another name for
        // a field (the seed's offerChosenReason for whyChosen) used to get 200 while its value was lost.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { ContractNames.Apply },
        };
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Components;
using OperatorConsole.Web.Features;
using Scalar.AspNetCore;
using OperatorConsole.Web.Features.Clock;

namespace OperatorConsole.Web;

/// <summary>The pipeline and the endpoint table, in the order a request meets them.</summary>
public static class WebApplicationExtensions
{
    /// <summary>Migrations, audit guards, first-run operator and key, and the demo business when asked for.</summary>
    public static async Task InitializeConsoleAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FirstRunBootstrapper>().RunAsync();
        }

        if (app.Configuration.GetValue<bool>("Seed:Demo"))
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
    }

    public static WebApplication UseOperatorConsole(this WebApplication app)
    {
        if (ForwardedHeadersFromConfiguration(app.Configuration) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }
        app.UseExceptionHandler();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HeadAsGet>();
        // Explicit, so endpoint matching sees HEAD already turned into GET (implicit routing would run first).
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseMiddleware<SameOriginWrites>();
        app.UseMiddleware<ApiRequiresCredentials>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// X-Forwarded-For/-Proto are believed only from the proxies named in ForwardedHeaders:KnownProxies (IP
    /// addresses) and ForwardedHeaders:KnownNetworks (CIDR); none by default — not even loopback, which ASP.NET
    /// Core trusts unless told otherwise — so a client cannot pick the address the per-IP sign-in limit and the
    /// audit log see. Null when none is configured: ForwardedHeadersOptions with both lists empty would trust
    /// every sender.
    /// </summary>
    internal static ForwardedHeadersOptions? ForwardedHeadersFromConfiguration(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }

        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0 ? null : options;
    }

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("Operator Console API")).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapClockEndpoints();
        app.MapConsoleApis();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Components;
using OperatorConsole.Web.Features;
using Scalar.AspNetCore;

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
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
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
        app.UseMiddleware<ApiRequiresCredentials>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("Operator Console API")).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapConsoleApis();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

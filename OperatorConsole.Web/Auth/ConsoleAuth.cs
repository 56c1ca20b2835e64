using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

public static class ConsoleAuth
{
    public const string SmartScheme = "Console";

    /// <summary>
    /// One default scheme: on <c>/api</c> it picks the API key handler when a bearer token is present and the
    /// Identity cookie otherwise, so every API endpoint accepts both and policies decide what each may do.
    /// Everywhere else (pages, the Blazor circuit hub, account endpoints) only the cookie counts: a machine key
    /// never opens a person's screen, whatever its scopes (a key sent to a page is ignored → sign-in redirect).
    /// </summary>
    public static IServiceCollection AddConsoleAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                UsesApiKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(ConfigureCookie);
        services.AddIdentityCore<ConsoleUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ConsoleDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // OWASP (2023) asks for at least 600,000 PBKDF2-HMAC-SHA256 iterations; Identity's default is 100,000.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
        services.AddAuthorization(ConsolePolicies.Add);
        services.Configure<ConsoleSessionOptions>(configuration.GetSection(ConsoleSessionOptions.Section));
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddSingleton<CircuitSessionStamps>();
        services.AddScoped<FirstRunBootstrapper>();
        services.AddHostedService<ApiKeyCacheInvalidation>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<ConsoleSignIn>();
        services.AddSingleton<UnknownAccountHash>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GateRefusals>();
        services.AddScoped<IUserClaimsPrincipalFactory<ConsoleUser>, ConsoleClaimsFactory>();
        return services;
    }

    /// <summary>The session cookie: strict, HTTP-only, 12 h sliding; /api gets 401/403, never a redirect; revoked sessions end on the next request.</summary>
    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.LoginPath = "/login";
        cookie.LogoutPath = "/logout";
        cookie.AccessDeniedPath = "/login";
        cookie.Cookie.Name = "oc.auth";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        // /api answers 401/403 problem documents, never a redirect to the sign-in page.
        cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        // Replaces Identity's 30-minute security-stamp validator: a revoked session ends on its next request.
        cookie.Events.OnValidatePrincipal = SessionStamps.ValidatePrincipalAsync;
    }

    private static void ConfigureIdentity(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        // ASVS 2.1: at least 12 characters, no composition rules (passphrases of plain words are fine);
        // CommonPasswordValidator refuses common and breached passwords instead.
        o.Password.RequiredLength = 12;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>API keys authenticate the HTTP API only.</summary>
    public static bool UsesApiKey(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && ApiKeyAuthenticationHandler.TryReadBearer(request, out _);

    private static async Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = new()
                {
                    Status = status,
                    Title = status == 401 ? "Unauthorized" : "Forbidden",
                    Detail = status == 401
                        ? "Sign in, or send an API key as 'Authorization: Bearer <key>'."
                        : "Your role does not allow this action.",
                },
            });
            return;
        }

        context.Response.Redirect(context.RedirectUri);
    }
}

/// <summary>Puts the display name into the cookie so the UI and the audit log can show it.</summary>
internal sealed class ConsoleClaimsFactory(
    UserManager<ConsoleUser> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ConsoleUser, IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(ConsoleUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(ClaimsPrincipalExtensions.DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}

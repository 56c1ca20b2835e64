using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

public static class ConsoleAuth
{
    public const string SmartScheme = "Console";

    /// <summary>
    /// One default scheme that picks the API key handler when a bearer token is present and the Identity
    /// cookie otherwise, so every endpoint accepts both and policies decide what each may do.
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
                ApiKeyAuthenticationHandler.TryReadBearer(context.Request, out _) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
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
        });

        services.AddIdentityCore<ConsoleUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ConsoleDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // OWASP (2023) asks for at least 600,000 PBKDF2-HMAC-SHA256 iterations; Identity's default is 100,000.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
        services.AddAuthorization(ConsolePolicies.Add);
        services.AddScoped<FirstRunBootstrapper>();
        services.AddHostedService<ApiKeyCacheInvalidation>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<IUserClaimsPrincipalFactory<ConsoleUser>, ConsoleClaimsFactory>();
        return services;
    }

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

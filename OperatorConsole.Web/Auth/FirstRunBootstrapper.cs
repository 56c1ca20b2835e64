using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Access;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Web.Auth;

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? ApiKey { get; set; }
}

/// <summary>
/// On an empty database: creates the roles, the first operator (from config, or with a random password
/// printed once) and, when configured, an API key with every machine scope. Does nothing afterwards.
/// </summary>
public sealed class FirstRunBootstrapper(
    UserManager<ConsoleUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<ConsoleDbContext> dbFactory,
    ApiKeyService apiKeys,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<FirstRunBootstrapper> logger)
{
    public const string DefaultAdminEmail = "operator@console.local";

    public async Task RunAsync()
    {
        foreach (var role in ConsoleRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var options = configuration.GetSection(BootstrapOptions.Section).Get<BootstrapOptions>() ?? new BootstrapOptions();
        if (!await users.Users.AnyAsync())
        {
            await CreateFirstOperatorAsync(options);
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            await RegisterBootstrapKeyAsync(options.ApiKey.Trim());
        }
    }

    private async Task CreateFirstOperatorAsync(BootstrapOptions options)
    {
        var email = string.IsNullOrWhiteSpace(options.AdminEmail) ? DefaultAdminEmail : options.AdminEmail.Trim();
        var generated = string.IsNullOrWhiteSpace(options.AdminPassword);
        var password = generated ? GeneratePassword() : options.AdminPassword!;
        var user = new ConsoleUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Operator",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first operator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, ConsoleRoles.Operator);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Audit(Actor.System, time.GetUtcNow().UtcDateTime, "user.created", "user", user.Id, $"First operator {email} created at first run");
            await db.SaveChangesAsync();
        }

        if (generated)
        {
            // Printed once, on purpose to the console: it is the only copy.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine(" Operator Console — first run");
            Console.WriteLine($"   Sign in at /login as  {email}");
            Console.WriteLine($"   Password (shown once): {password}");
            Console.WriteLine("   Change it in Settings → Users, or set Bootstrap__AdminPassword.");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }

        logger.LogInformation("First operator {Email} created", email);
    }

    private async Task RegisterBootstrapKeyAsync(string secret)
    {
        var hash = ApiKeyService.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Set<ApiKey>().AnyAsync(k => k.SecretHash == hash))
        {
            return;
        }

        // Only on a database that has no keys yet: a bootstrap setting must not re-add a key an operator revoked.
        if (await db.Set<ApiKey>().AnyAsync())
        {
            logger.LogWarning("Bootstrap:ApiKey is set but API keys already exist; it was not registered.");
            return;
        }

        apiKeys.Register(db, "Bootstrap key", ApiScopes.All, secret, Actor.System);
        await db.SaveChangesAsync();
        logger.LogInformation("Bootstrap API key registered with every machine scope");
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        // Identity's default rules want a digit, a lower and an upper case letter.
        return new string(chars) + "a7Z";
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// Password sign-in that tells an attacker nothing: an unknown e-mail and a locked account cost the same hash
/// work as a wrong password (a throw-away hash is verified), all three get the same message, and every failure
/// is logged and written to the audit log (with the address the request came from), a lockout as its own entry.
/// </summary>
public sealed class ConsoleSignIn(
    SignInManager<ConsoleUser> signIn, UnknownAccountHash unknownAccount, IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time, ILogger<ConsoleSignIn> logger)
{
    /// <summary>The one answer for a wrong password, an unknown account and a locked account.</summary>
    public const string RefusedMessage =
        "Sign-in refused: the e-mail or password is wrong, or the account is locked after too many attempts (wait 15 minutes or ask an operator).";

    public async Task<bool> PasswordSignInAsync(string email, string password, bool remember, string? from)
    {
        email = email.Trim();
        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            unknownAccount.Verify(signIn.UserManager.PasswordHasher, password);
            await RefusedAsync(email, null, "unknown account", from, lockedOut: false);
            return false;
        }

        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            // Identity answers "locked" before hashing; hash anyway so a locked account is not told apart by time.
            unknownAccount.Verify(signIn.UserManager.PasswordHasher, password);
            await RefusedAsync(email, user, "account locked", from, lockedOut: false);
            return false;
        }

        // lockoutOnFailure: true — without it failures never count toward lockout.
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{Email} signed in from {From}", email, from);
            return true;
        }

        await RefusedAsync(email, user, result.IsLockedOut ? "wrong password; account now locked" : "wrong password", from, result.IsLockedOut);
        return false;
    }

    private async Task RefusedAsync(string email, ConsoleUser? user, string why, string? from, bool lockedOut)
    {
        var shown = email.Length > 100 ? email[..100] : email;
        logger.LogWarning("Refused sign-in as {Email} from {From}: {Why}", shown, from, why);
        var now = time.GetUtcNow().UtcDateTime;
        var actor = new Actor(ActorKind.System, "sign-in", "sign-in from " + (from ?? "unknown address"));
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Audit(actor, now, "sign_in.failed", "user", user?.Id ?? "unknown", $"Refused sign-in as {shown} from {from}", why);
        if (lockedOut)
        {
            logger.LogWarning("Locked out {Email} after repeated failed sign-ins (last from {From})", shown, from);
            db.Audit(actor, now, "user.locked_out", "user", user!.Id, $"{shown} locked out after repeated failed sign-ins", $"last attempt from {from}");
        }

        await db.SaveChangesAsync();
    }
}

/// <summary>
/// A hash of a random secret, verified in place of a missing or locked account's. It is made and checked by the
/// app's own password hasher, so it costs what a real account's check costs whatever hasher or settings are in use.
/// </summary>
public sealed class UnknownAccountHash
{
    private static readonly ConsoleUser Nobody = new() { UserName = "nobody" };
    private string? _hash;

    public void Verify(IPasswordHasher<ConsoleUser> hasher, string password)
    {
        // Made on first use, not at start-up: a hash at production cost takes a fraction of a second.
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () =>
            hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}

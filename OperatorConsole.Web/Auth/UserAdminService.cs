using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Web.Auth;

public sealed record UserView(string Id, string Email, string DisplayName, string Role, bool LockedOut, DateTime CreatedAt, bool Disabled = false);

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Role, string? Password);

/// <summary>Operators manage people in Settings: create, change role, reset password, unlock. Every change is audited.</summary>
public sealed class UserAdminService(
    UserManager<ConsoleUser> users, IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<UserView>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserView>();
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            var locked = user.LockoutEnd is { } end && end > time.GetUtcNow();
            result.Add(new UserView(user.Id, user.Email ?? "", user.DisplayName, role, locked, user.CreatedAt, user.LockoutEnd == DateTimeOffset.MaxValue));
        }

        return result;
    }

    public async Task<OperationResult<UserView>> CreateAsync(CreateUserRequest request, Actor actor)
    {
        if (HumanGate.OperatorOnly<UserView>(actor, "Only an operator can add people.") is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors().Required("email", request.Email, 256).Email("email", request.Email?.Trim())
            .Required("displayName", request.DisplayName, 100).Required("password", request.Password);
        if (request.Role is not (ConsoleRoles.Operator or ConsoleRoles.Viewer))
        {
            errors.Add("role", "Role must be Operator or Viewer.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<UserView>();
        }

        var email = request.Email!.Trim();
        var user = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = request.DisplayName!.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return ToErrors<UserView>(created);
        }

        await users.AddToRoleAsync(user, request.Role!);
        await AuditAsync(actor, "user.created", user.Id, $"Added {email} as {request.Role}");
        return OperationResult<UserView>.Created(new UserView(user.Id, email, user.DisplayName, request.Role!, false, user.CreatedAt));
    }

    public async Task<OperationResult<bool>> SetRoleAsync(string userId, string role, Actor actor)
    {
        if (HumanGate.OperatorOnly<bool>(actor, "Only an operator can change roles.") is { } refused)
        {
            return refused;
        }

        if (role is not (ConsoleRoles.Operator or ConsoleRoles.Viewer))
        {
            return OperationResult<bool>.Invalid("role", "Role must be Operator or Viewer.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult<bool>.NotFound("No such user.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(ConsoleRoles.Operator) && role != ConsoleRoles.Operator && (await users.GetUsersInRoleAsync(ConsoleRoles.Operator)).Count == 1)
        {
            return OperationResult<bool>.Invalid("role", "The console needs at least one operator.");
        }

        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.role_changed", user.Id, $"{user.Email}: {string.Join(",", current)} → {role}");
        return OperationResult<bool>.Ok(true);
    }

    public async Task<OperationResult<bool>> ResetPasswordAsync(string userId, string newPassword, Actor actor)
    {
        if (HumanGate.OperatorOnly<bool>(actor, "Only an operator can reset passwords.") is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult<bool>.NotFound("No such user.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return ToErrors<bool>(result, "password");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, "user.password_reset", user.Id, $"Password reset for {user.Email}");
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Ends every session of the person (all browsers, all open screens) by changing their security stamp.</summary>
    public async Task<OperationResult<bool>> SignOutEverywhereAsync(string userId, Actor actor)
    {
        if (HumanGate.OperatorOnly<bool>(actor, "Only an operator can sign people out.") is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult<bool>.NotFound("No such user.");
        }

        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.signed_out_everywhere", user.Id, $"Ended every session of {user.Email}");
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Disables sign-in (a lockout that never ends, lifted by Unlock) and ends every session at once.</summary>
    public async Task<OperationResult<bool>> DisableAsync(string userId, Actor actor)
    {
        if (HumanGate.OperatorOnly<bool>(actor, "Only an operator can disable people.") is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult<bool>.NotFound("No such user.");
        }

        if (actor.Id == user.Id)
        {
            return OperationResult<bool>.Invalid("user", "You cannot disable yourself.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.disabled", user.Id, $"Disabled {user.Email} and ended their sessions");
        return OperationResult<bool>.Ok(true);
    }

    public async Task<OperationResult<bool>> UnlockAsync(string userId, Actor actor)
    {
        if (HumanGate.OperatorOnly<bool>(actor, "Only an operator can unlock accounts.") is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult<bool>.NotFound("No such user.");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(actor, "user.unlocked", user.Id, $"Unlocked {user.Email}");
        return OperationResult<bool>.Ok(true);
    }

    private async Task AuditAsync(Actor actor, string action, string userId, string summary)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Audit(actor, time.GetUtcNow().UtcDateTime, action, "user", userId, summary);
        await db.SaveChangesAsync();
    }

    private static OperationResult<T> ToErrors<T>(IdentityResult result, string field = "email") =>
        OperationResult<T>.Invalid(new Dictionary<string, string[]>
        {
            [result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : field] = result.Errors.Select(e => e.Description).ToArray(),
        });
}

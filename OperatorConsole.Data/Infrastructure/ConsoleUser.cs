using Microsoft.AspNetCore.Identity;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>A person who signs in: an operator or a viewer.</summary>
public class ConsoleUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

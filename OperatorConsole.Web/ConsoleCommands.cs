namespace OperatorConsole.Web;

/// <summary>
/// Command-line verbs that run against the configured database and exit, e.g.
/// <c>dotnet run --project OperatorConsole.Web -- import maven ../shared/datasets/maven-crm</c>.
/// Each feature registers its verbs in <see cref="Verbs"/>.
/// </summary>
public static class ConsoleCommands
{
    public delegate Task<int> Verb(WebApplicationBuilder builder, string[] args);

    public static readonly Dictionary<string, Verb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["import"] = Features.Import.ImportCommand.RunAsync,
        ["audit"] = Features.Audit.AuditCommand.RunAsync,
    };

    public static async Task<bool> TryRunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || !Verbs.TryGetValue(args[0], out var verb))
        {
            return false;
        }

        Environment.ExitCode = await verb(builder, args[1..]);
        return true;
    }
}

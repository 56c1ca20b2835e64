using OperatorConsole.Web;

var builder = WebApplication.CreateBuilder(args);

// A CLI verb (e.g. "import maven <folder>") runs and exits instead of serving.
if (await ConsoleCommands.TryRunAsync(builder, args))
{
    return;
}

builder.Services.AddData(builder.Configuration);
builder.AddWeb();

var app = builder.Build();

await app.InitializeConsoleAsync();
app.UseOperatorConsole();
app.MapOperatorConsole();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

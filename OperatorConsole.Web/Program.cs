using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Web;

// Started from another folder, the app's own folder is the content root (appsettings.json, data/): see SqliteLocation.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = SqliteLocation.ContentRootFor(args, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});

// A CLI verb (e.g. "import maven <folder>") runs and exits instead of serving.
if (await ConsoleCommands.TryRunAsync(builder, args))
{
    return;
}

// Data: the database and one line per feature (OperatorConsole.Data/DependencyInjection.cs).
builder.Services.AddData(builder.Configuration, builder.Environment.ContentRootPath);
// Web: UI, auth, API conventions, live push and one line per feature (Features/ConsoleFeatures.cs).
builder.AddWeb();

var app = builder.Build();

// Migrate, seed, then the pipeline and the endpoint table (WebApplicationExtensions.cs).
await app.InitializeConsoleAsync();
app.UseOperatorConsole();
app.MapOperatorConsole();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

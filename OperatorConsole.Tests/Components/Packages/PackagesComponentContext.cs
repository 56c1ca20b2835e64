using Bunit;
using Bunit.TestDoubles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Packages;

/// <summary>
/// bUnit context with the real data services over a SQLite file of its own (migrated), the live event
/// stream, MudBlazor and a signed-in user (operator unless told otherwise).
/// </summary>
public abstract class PackagesComponentContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-bunit", Guid.NewGuid().ToString("N"));

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    protected BunitAuthorizationContext Auth { get; }

    protected static readonly Actor Operator = new(ActorKind.User, "op-1", "Test Operator", IsOperator: true);

    protected PackagesComponentContext(bool asOperator = true)
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:OperatorConsole"] = $"Data Source={Path.Combine(_folder, "console.db")}",
            })
            .Build();
        Services.AddLogging();
        Services.AddData(configuration);
        Services.RemoveAll<TimeProvider>();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddLiveConsole(configuration);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = AddAuthorization();
        Auth.SetAuthorized("Test Operator");
        Auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "op-1"));
        if (asOperator)
        {
            Auth.SetRoles("Operator");
        }
        else
        {
            Auth.SetRoles("Viewer");
        }

        Services.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
    }

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected ConsoleDbContext Db() => Get<IDbContextFactory<ConsoleDbContext>>().CreateDbContext();

    protected async Task<int> AddLeadAsync(string title, LeadStatus status = LeadStatus.Qualified, OfferType? offer = null, decimal? value = null)
    {
        await using var db = Db();
        var now = Clock.GetUtcNow().UtcDateTime;
        var lead = new Lead { Title = title, Status = status, OfferType = offer, EstimatedValue = value, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now };
        db.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers services that only dispose asynchronously, so xunit disposes through here.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        DeleteFolder();
    }

    protected override void Dispose(bool disposing)
    {
        // Disposal happens in IAsyncLifetime.DisposeAsync; the synchronous path would throw on MudBlazor's services.
    }

    private void DeleteFolder()
    {
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS is harmless in a temp folder.
            }
        }
    }
}

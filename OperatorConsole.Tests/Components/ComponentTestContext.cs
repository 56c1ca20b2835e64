using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components;

/// <summary>
/// bUnit context for console components over a REAL SQLite file (migrated, audit triggers installed), with
/// the real data services (<c>AddData</c>), the live event stream (in-process backplane, so a write made in a
/// test re-renders subscribed components), MudBlazor, loose JS interop and a fake clock.
///
/// Usage:
/// <code>
/// using var ctx = new ComponentTestContext();
/// ctx.SignInAs(ConsoleRoles.Operator);
/// var lead = await ctx.SeedLeadAsync("Acme website");
/// var cut = ctx.Render&lt;LeadDetailPage&gt;(p =&gt; p.Add(c =&gt; c.Id, lead.Id));
/// </code>
/// Register fakes/extra services (<c>ctx.Services.AddSingleton(...)</c>) BEFORE the first Render or the first use
/// of <see cref="Db"/> / <see cref="Service{T}"/>: bUnit builds the container on first resolve.
/// </summary>
public class ComponentTestContext : BunitContext
{
    /// <summary>A migrated empty database, made once per test run and copied for every context (migrating is the slow part).</summary>
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-bunit", Guid.NewGuid().ToString("N"));
    private readonly BunitAuthorizationContext _auth;
    private bool _mudProvidersRendered;
    private bool _disposingAsync;

    public ComponentTestContext()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Template.Value, DatabasePath);
        Configuration = BuildConfiguration(DatabasePath);

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(Configuration);
        Services.AddLogging();
        Services.AddData(Configuration);
        Services.RemoveAll<TimeProvider>();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddLiveConsole(Configuration);
        OperatorConsole.Web.Features.ConsoleFeatures.AddConsoleFeatures(Services, Configuration);
        Services.AddMudServices();
        // Registered up front (signed out) so SignInAs also works after the container is built.
        _auth = AddAuthorization();
    }

    /// <summary>"Now" for every service and component; move it with Advance/SetUtcNow.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(_folder, "console.db");

    public IConfiguration Configuration { get; }

    /// <summary>The same context factory the components use: arrange data and assert what was written.</summary>
    public IDbContextFactory<ConsoleDbContext> Db => Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>();

    public ConsoleDbContext CreateDbContext() => Db.CreateDbContext();

    /// <summary>A registered service (LeadService, PipelineRunService …), e.g. to write through the real rules.</summary>
    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The actor writes made by tests are recorded as (a signed-in operator).</summary>
    public static Actor TestOperator { get; } = new(ActorKind.User, "test-operator", "Test Operator", IsOperator: true);

    /// <summary>
    /// Signs a person in for AuthorizeView, [Authorize] and the cascading AuthenticationState; the claims are
    /// the ones the app issues, so <c>User.ToActor()</c> works inside components. Returns the matching actor,
    /// for calling services as that person. Until called, the visitor is signed out.
    /// </summary>
    public Actor SignInAs(string role = ConsoleRoles.Operator, string? email = null)
    {
        email ??= role.ToLowerInvariant() + "@test.local";
        var userId = "user-" + role.ToLowerInvariant();
        _auth.SetAuthorized(email);
        _auth.SetRoles(role);
        _auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(ClaimTypes.Email, email),
            new Claim(ClaimsPrincipalExtensions.DisplayNameClaim, email));
        return new Actor(ActorKind.User, userId, email, role == ConsoleRoles.Operator);
    }

    /// <summary>An anonymous visitor (AuthorizeView shows NotAuthorized content).</summary>
    public void SignOut()
    {
        _auth.SetNotAuthorized();
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> after a MudPopoverProvider (MudSelect, MudMenu, tooltips and dialogs
    /// render their content into it, as MainLayout provides in the app).
    /// </summary>
    public IRenderedComponent<TComponent> RenderWithMud<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        if (!_mudProvidersRendered)
        {
            Render<MudBlazor.MudPopoverProvider>();
            _mudProvidersRendered = true;
        }

        return Render(parameters);
    }

    /// <summary>
    /// The render-tree frames <paramref name="component"/> holds now: what every open circuit keeps for it (issue 18's
    /// memory per circuit). Protected on the renderer, so read by reflection.
    /// </summary>
#pragma warning disable BL0006 // the render tree is what these tests measure
    public Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame[] FramesOf<TComponent>(IRenderedComponent<TComponent> component)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var frames = (Microsoft.AspNetCore.Components.RenderTree.ArrayRange<Microsoft.AspNetCore.Components.RenderTree.RenderTreeFrame>)typeof(Microsoft.AspNetCore.Components.RenderTree.Renderer)
            .GetMethod("GetCurrentRenderTreeFrames", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .Invoke(Renderer, [component.ComponentId])!;
        return frames.Array[..frames.Count];
    }
#pragma warning restore BL0006

    /// <summary>Creates a lead through <see cref="LeadService"/> (validation, history and audit as in production).</summary>
    public async Task<LeadView> SeedLeadAsync(
        string title = "Acme website rebuild",
        LeadStatus status = LeadStatus.New,
        string? company = "Acme Ltd",
        decimal? estimatedValue = 12000m,
        OfferType? offerType = null)
    {
        var result = await Service<LeadService>().CreateAsync(
            new CreateLeadRequest(title, company, "Ada Client", "ada@acme.test", "referral", estimatedValue, status, offerType),
            TestOperator);
        result.Succeeded.Should().BeTrue("seeding must pass validation: {0}", string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    /// <summary>
    /// Sets fields on a stored lead directly, as an import or a migration leaves them (an owner, no contact, the
    /// undated mark): states the forms cannot make. Not audited and not published, as the import's own writes are not.
    /// </summary>
    public async Task SetLeadAsync(int id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Lead>> set)
    {
        await using var db = CreateDbContext();
        await db.Set<Lead>().Where(l => l.Id == id).ExecuteUpdateAsync(set);
    }

    private static IConfiguration BuildConfiguration(string databasePath) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OperatorConsole"] = $"Data Source={databasePath}",
            ["Database:Provider"] = "Sqlite",
        })
        .Build();

    private static string CreateTemplate()
    {
        RemoveStaleFolders();
        var folder = Path.Combine(Path.GetTempPath(), "oc-bunit", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "template.db");
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddData(BuildConfiguration(path));
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<DatabaseInitializer>().MigrateAsync().GetAwaiter().GetResult();
        }

        // Closing the pooled connections checkpoints the WAL into the file, so a plain copy is complete. All pools:
        // the app's connection string carries more than the path (e.g. its command timeout), so it is its own pool.
        SqliteConnection.ClearAllPools();

        return path;
    }

    /// <summary>
    /// MudBlazor registers services that can only be disposed asynchronously, so a plain <c>using</c> (or an
    /// xunit class's Dispose) goes through DisposeAsync too.
    /// </summary>
    /// <summary>Test hosts are often killed rather than exited, so earlier runs' leftovers are swept here.</summary>
    private static void RemoveStaleFolders()
    {
        var root = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "oc-bunit"));
        if (!root.Exists)
        {
            return;
        }

        foreach (var stale in root.EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-2)))
        {
            try
            {
                stale.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Still in use by a parallel run: leave it.
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposingAsync)
        {
            _disposingAsync = true;
            Task.Run(async () => await DisposeAsync()).GetAwaiter().GetResult();
            return;
        }

        base.Dispose(disposing);
        DeleteDatabase();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        _disposingAsync = true;
        await base.DisposeAsyncCore();
        DeleteDatabase();
    }

    private void DeleteDatabase()
    {
        if (!Directory.Exists(_folder))
        {
            return;
        }

        // Only this database's pool: other tests run in parallel with their own files.
        using (var connection = new SqliteConnection(Configuration.GetConnectionString("OperatorConsole")))
        {
            SqliteConnection.ClearPool(connection);
        }

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

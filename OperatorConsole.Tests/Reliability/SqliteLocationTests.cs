using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Issue 19 part 6: the default SQLite file is found against the content root, never the working directory, so a
/// start from another folder opens the same database instead of silently creating a second, empty one.
/// </summary>
public sealed class SqliteLocationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "oc-location", Guid.NewGuid().ToString("N"));

    public SqliteLocationTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void Resolve_RelativeDefault_IsUnderTheContentRootWhateverTheWorkingDirectory()
    {
        var appFolder = Path.Combine(_root, "app");
        var resolved = SqliteLocation.Resolve(DatabaseOptions.DefaultSqliteConnection, appFolder);

        new SqliteConnectionStringBuilder(resolved).DataSource.Should().Be(Path.Combine(appFolder, "data", "operator-console.db"));
        Directory.GetCurrentDirectory().Should().NotBe(appFolder, "the working directory plays no part");
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=console;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=file:console.db?mode=ro")]
    public void Resolve_InMemoryOrUri_IsUnchanged(string connectionString) =>
        SqliteLocation.Resolve(connectionString, _root).Should().Be(connectionString);

    [Fact]
    public void Resolve_AbsolutePath_IsKeptAndOtherKeywordsSurvive()
    {
        var absolute = Path.Combine(_root, "elsewhere", "x.db");
        var resolved = new SqliteConnectionStringBuilder(SqliteLocation.Resolve($"Data Source={absolute};Default Timeout=7", Path.Combine(_root, "app")));

        resolved.DataSource.Should().Be(absolute);
        resolved.DefaultTimeout.Should().Be(7);
    }

    [Fact]
    public void ContentRootFor_StartedFromAnotherFolder_IsTheAppFolder()
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        File.WriteAllText(Path.Combine(app, "appsettings.json"), "{}");

        SqliteLocation.ContentRootFor([], _ => null, elsewhere, app).Should().Be(app);
        SqliteLocation.ContentRootFor([], _ => null, app, app).Should().BeNull("started from its own folder, the default is right");
        SqliteLocation.ContentRootFor(["--contentRoot", elsewhere], _ => null, elsewhere, app).Should().BeNull("an explicit content root wins");
        SqliteLocation.ContentRootFor([], name => name == "ASPNETCORE_CONTENTROOT" ? elsewhere : null, elsewhere, app).Should().BeNull();
    }

    [Fact]
    public async Task AddData_RelativeConnectionString_MigratesTheFileUnderTheContentRoot()
    {
        var app = Path.Combine(_root, "app");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OperatorConsole"] = "Data Source=data/relative.db",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddData(configuration, app).BuildServiceProvider();
        await using (services)
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            await using var db = await services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync();
            SqliteLocation.FilePath(db.Database.GetConnectionString()).Should().Be(Path.Combine(app, "data", "relative.db"));
        }

        SqliteConnection.ClearAllPools();
        File.Exists(Path.Combine(app, "data", "relative.db")).Should().BeTrue();
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "data", "relative.db")).Should().BeFalse("nothing is created in the working directory");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may still be closing; the temp folder is cleaned by the OS.
        }
    }
}

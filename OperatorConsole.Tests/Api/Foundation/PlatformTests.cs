using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>What is open to anyone, security headers, sign-in lockout and the append-only audit log.</summary>
public sealed class PlatformTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/login")]
    public async Task OpenToAnonymousCallers(string path)
    {
        var response = await factory.CreateAnonymousClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ApiReferencePage_IsServedToAnonymousCallers()
    {
        var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/scalar");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            response.Headers.Location!.ToString().Should().NotContain("login", "the reference is public, only its trailing-slash form redirects");
            response = await client.GetAsync(response.Headers.Location);
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK, response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheFoundationEndpoints()
    {
        var document = await (await factory.CreateAnonymousClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/leads", "/api/leads/{id}", "/api/leads/{id}/touches", "/api/pipeline-runs", "/api/integrations/{name}/heartbeat", "/api/audit"]);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/leads")]
    [InlineData("/health/live")]
    public async Task SecurityHeaders_ArePresent(string path)
    {
        var response = await factory.CreateAnonymousClient().GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().ContainSingle().Which.Should().Be("nosniff");
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(";", values) : "";
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("default-src 'self'");
        response.Headers.GetValues("X-Frame-Options").Should().ContainSingle().Which.Should().Be("DENY");
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("DELETE", "/api/leads/1")]
    [InlineData("POST", "/api/audit")]
    [InlineData("HEAD", "/api/leads")]
    public async Task AnyApiPath_WithoutCredentials_Is401(string method, string path)
    {
        var response = await factory.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/health/live")]
    public async Task Head_OnPages_AnswersLikeGet(string path)
    {
        var response = await factory.CreateAnonymousClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownApiPath_WithCredentials_IsAnHonest404Or405()
    {
        var client = factory.CreateAgentClient();

        await (await client.GetAsync("/api/no-such-thing")).ShouldBeProblemAsync(404);
        await (await client.DeleteAsync("/api/leads/1")).ShouldBeProblemAsync(405);
    }

    [Fact]
    public async Task SignIn_LocksTheAccountAfterFiveWrongPasswords()
    {
        using var fresh = new ConsoleFactory();
        var client = fresh.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        for (var i = 0; i < 5; i++)
        {
            var wrong = await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "wrong-password-" + i);
            wrong.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        }

        var right = await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, ConsoleFactory.Password);

        right.StatusCode.Should().NotBe(HttpStatusCode.Redirect, "the account is locked even for the right password");
        (await right.Content.ReadAsStringAsync()).Should().Contain("locked");
    }

    [Fact]
    public async Task SignIn_FourWrongPasswords_DoNotLock()
    {
        using var fresh = new ConsoleFactory();
        var client = fresh.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 4; i++)
        {
            await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "wrong-password-" + i);
        }

        var right = await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, ConsoleFactory.Password);

        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted_ThroughTheDbContext()
    {
        var id = await WriteAuditEntryAsync();

        await using (var db = factory.CreateDbContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            entry.Summary = "rewritten history";
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<AuditLogIsAppendOnlyException>();
        }

        await using (var db = factory.CreateDbContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<AuditLogIsAppendOnlyException>();
        }

        await using (var db = factory.CreateDbContext())
        {
            (await db.AuditEntries.SingleAsync(a => a.Id == id)).Summary.Should().Be("append-only check");
        }
    }

    [Theory]
    [InlineData("UPDATE AuditEntries SET Summary = 'rewritten' WHERE Id = {0}")]
    [InlineData("DELETE FROM AuditEntries WHERE Id = {0}")]
    public async Task AuditEntries_CannotBeChangedOrDeleted_WithRawSql(string sql)
    {
        var id = await WriteAuditEntryAsync();
        await using var db = factory.CreateDbContext();

        await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync(sql, id)).Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");

        (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id)).Summary.Should().Be("append-only check");
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted_WithBulkOperations()
    {
        var id = await WriteAuditEntryAsync();
        await using var db = factory.CreateDbContext();

        await FluentActions.Awaiting(() => db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync()).Should().ThrowAsync<SqliteException>();
        await FluentActions.Awaiting(() => db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, "x"))).Should().ThrowAsync<SqliteException>();

        (await db.AuditEntries.AsNoTracking().CountAsync(a => a.Id == id)).Should().Be(1);
    }

    private async Task<long> WriteAuditEntryAsync()
    {
        await using var db = factory.CreateDbContext();
        var entry = db.Audit(new Actor(ActorKind.System, "test", "test"), factory.Clock.GetUtcNow().UtcDateTime, "test.checked", "test", 1, "append-only check");
        await db.SaveChangesAsync();
        return entry.Id;
    }
}

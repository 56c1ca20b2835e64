using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Auth;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// Sessions that end: a copy of a person's cookie taken before logout, a role change, a password reset,
/// disabling or "sign out everywhere" is refused on its very next request (the fake clock does not move, so
/// no interval can be what ends it), and an open Blazor circuit of that person loses its user too.
/// </summary>
public sealed class SessionTests(ConsoleFactory factory, ITestOutputHelper output) : IClassFixture<ConsoleFactory>
{
    private static readonly Actor Admin = new(ActorKind.User, "admin-test", "Test operator", IsOperator: true);

    [Fact]
    public async Task Logout_ACopiedCookieIsRefusedOnItsNextRequest()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Operator);
        var cookie = await SignInForCookieAsync(email);
        (await GetAsync("/api/audit", cookie)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie works before logout");
        var copied = cookie;

        var page = await (await GetAsync("/", cookie)).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty("the layout's sign-out form carries an antiforgery token");
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        logout.Headers.Add("Cookie", cookie);
        var clock = Stopwatch.StartNew();
        (await Client().SendAsync(logout)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var api = await GetAsync("/api/audit", copied);
        var elapsed = clock.Elapsed;
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the copied cookie died with the logout");
        var screen = await GetAsync("/leads", copied);
        screen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        screen.Headers.Location!.OriginalString.Should().Contain("/login");
        output.WriteLine($"logout → copied cookie refused: {elapsed.TotalMilliseconds:F0} ms (one request; no interval involved)");
    }

    [Fact]
    public async Task RoleChange_EndsTheDemotedOperatorsSession()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Operator);
        var cookie = await SignInForCookieAsync(email);
        (await GetAsync("/api/audit", cookie)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Admin_(s => s.SetRoleAsync(IdOf(email), ConsoleRoles.Viewer, Admin))).Succeeded.Should().BeTrue();

        (await GetAsync("/api/audit", cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a demoted operator keeps no operator session");
    }

    [Fact]
    public async Task PasswordReset_EndsTheSession()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Viewer);
        var cookie = await SignInForCookieAsync(email);
        (await GetAsync("/api/leads", cookie)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Admin_(s => s.ResetPasswordAsync(IdOf(email), "a brand new passphrase for this test", Admin))).Succeeded.Should().BeTrue();

        (await GetAsync("/api/leads", cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disable_EndsTheSession_AndSignInIsRefused()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Viewer);
        var cookie = await SignInForCookieAsync(email);

        (await Admin_(s => s.DisableAsync(IdOf(email), Admin))).Succeeded.Should().BeTrue();

        (await GetAsync("/api/leads", cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = await ConsoleFactory.TrySignInAsync(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), email, ConsoleFactory.Password);
        again.StatusCode.Should().NotBe(HttpStatusCode.Redirect, "a disabled person cannot sign in");
        await AssertAuditedAsync("user.disabled", IdOf(email));
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession_IsOperatorOnly_AndAudited()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Viewer);
        var first = await SignInForCookieAsync(email);
        var second = await SignInForCookieAsync(email);
        var viewerActor = new Actor(ActorKind.User, "viewer-x", "Viewer", IsOperator: false);
        (await Admin_(s => s.SignOutEverywhereAsync(IdOf(email), viewerActor))).Status.Should().Be(OperationStatus.Forbidden);
        (await GetAsync("/api/leads", first)).StatusCode.Should().Be(HttpStatusCode.OK, "a refused request changes nothing");

        (await Admin_(s => s.SignOutEverywhereAsync(IdOf(email), Admin))).Succeeded.Should().BeTrue();

        (await GetAsync("/api/leads", first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync("/api/leads", second)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await AssertAuditedAsync("user.signed_out_everywhere", IdOf(email));
    }

    [Fact]
    public async Task OpenCircuit_OfARevokedPerson_FailsRevalidation()
    {
        var (email, principal) = await SignedInOperatorAsync();

        using var circuitScope = factory.Services.CreateScope();
        circuitScope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetType().Name
            .Should().Be("SessionRevalidatingStateProvider", "circuits re-check the session");
        (await RevalidateAsync(circuitScope, principal)).Should().BeTrue();

        (await Admin_(s => s.SignOutEverywhereAsync(IdOf(email), Admin))).Succeeded.Should().BeTrue();

        (await RevalidateAsync(circuitScope, principal)).Should().BeFalse("the circuit falls back to the sign-in page on its next check");
    }

    [Fact]
    public async Task OpenCircuits_ShareOneReadOfTheStamps_UntilAPersonChanges()
    {
        var (email, principal) = await SignedInOperatorAsync();

        var live = factory.Services.GetRequiredService<OperatorConsole.Web.Live.LiveQueries>();
        var query = factory.Services.GetRequiredService<CircuitSessionStamps>().Query;
        var scopes = Enumerable.Range(0, 20).Select(_ => factory.Services.CreateScope()).ToList();
        async Task<bool[]> CheckAllAsync() => await Task.WhenAll(scopes.Select(s => RevalidateAsync(s, principal)));

        (await CheckAllAsync()).Should().AllSatisfy(ok => ok.Should().BeTrue());
        var reads = live.Computations(query);
        (await CheckAllAsync()).Should().AllSatisfy(ok => ok.Should().BeTrue());
        live.Computations(query).Should().Be(reads, "20 circuits checking again within the interval read nothing");

        (await Admin_(s => s.SignOutEverywhereAsync(IdOf(email), Admin))).Succeeded.Should().BeTrue();

        (await CheckAllAsync()).Should().AllSatisfy(ok => ok.Should().BeFalse("the person's saved row invalidated the shared stamps at once"));
        live.Computations(query).Should().Be(reads + 1, "one read after the change, for all 20");
        scopes.ForEach(s => s.Dispose());
    }

    /// <summary>A new operator and the principal a sign-in would give them.</summary>
    private async Task<(string Email, ClaimsPrincipal Principal)> SignedInOperatorAsync()
    {
        var email = await CreatePersonAsync(ConsoleRoles.Operator);
        using var scope = factory.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ConsoleUser>>();
        return (email, await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!));
    }

    /// <summary>The check an open circuit's timer runs, on that circuit's (scope's) authentication state provider.</summary>
    private static Task<bool> RevalidateAsync(IServiceScope circuit, ClaimsPrincipal principal)
    {
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var revalidate = provider.GetType().GetMethod("RevalidateNowAsync", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        return (Task<bool>)revalidate.Invoke(provider, [new AuthenticationState(principal)])!;
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpResponseMessage> GetAsync(string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await Client().SendAsync(request);
    }

    /// <summary>Signs in through the real form and returns the session cookie as a header value, as an attacker would copy it.</summary>
    private async Task<string> SignInForCookieAsync(string email)
    {
        var client = Client();
        var login = await client.GetAsync("/login");
        var antiforgery = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = ConsoleFactory.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var session = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("oc.auth", StringComparison.Ordinal));
        return antiforgery + "; " + string.Join("; ", session);
    }

    private async Task<string> CreatePersonAsync(string role)
    {
        var email = $"p{Guid.NewGuid():N}@test.local";
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var user = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Person", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime };
        (await users.CreateAsync(user, ConsoleFactory.Password)).Succeeded.Should().BeTrue();
        await users.AddToRoleAsync(user, role);
        return email;
    }

    private string IdOf(string email)
    {
        using var db = factory.CreateDbContext();
        return db.Users.Single(u => u.Email == email).Id;
    }

    private async Task<OperationResult<bool>> Admin_(Func<UserAdminService, Task<OperationResult<bool>>> action)
    {
        using var scope = factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    private async Task AssertAuditedAsync(string action, string userId)
    {
        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.AnyAsync(e => e.Action == action && e.RecordId == userId && e.ActorId == Admin.Id)).Should().BeTrue();
    }
}

using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Auth;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// Sign-in tells an attacker nothing and is watched: an unknown e-mail costs the same hash work as a wrong
/// password, a locked account gets the same message as a wrong password, X-Forwarded-For is believed only from
/// configured proxies (so the per-IP sign-in limit cannot be dodged), failures and lockouts are audited, and
/// the password policy follows ASVS 2.1 (length, no composition rules, passphrases, a common-password list).
/// </summary>
public sealed class SignInHardeningTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<ConsoleFactory> _factories = [];

    [Fact]
    public async Task UnknownAccount_CostsTheSameHashWorkAsAWrongPassword()
    {
        // Production-like hashing cost, so the hash dominates as it does in production (600,000 there).
        var checks = new HashChecks();
        var factory = Track(CountingHashChecks(checks, iterations: 150_000));
        var client = factory.CreateAnonymousClient();
        await ConsoleFactory.TrySignInAsync(client, "warm@up.test", "warm-up-attempt-1");

        // The work itself: each refusal verifies exactly one hash, made by the app's hasher at the app's cost.
        checks.Take();
        await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "not-the-password");
        checks.Take().Should().Equal([150_000], "a wrong password checks the account's hash once");
        await ConsoleFactory.TrySignInAsync(client, "nobody@nowhere.test", "not-the-password");
        checks.Take().Should().Equal([150_000], "an unknown e-mail checks a throw-away hash of the same cost once");

        // And what an attacker sees. The fastest of several tries, because other work on the machine only ever
        // adds time (a median of 4 read 0.36 once in CI with browser tests running alongside).
        var wrong = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            wrong.Add(await TimeAsync(() => ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "not-the-password-" + i)));
            unknown.Add(await TimeAsync(() => ConsoleFactory.TrySignInAsync(client, $"nobody{i}@nowhere.test", "not-the-password-" + i)));
        }

        var ratio = unknown.Min() / wrong.Min();
        output.WriteLine($"fastest sign-in: wrong password {wrong.Min():F0} ms, unknown account {unknown.Min():F0} ms (ratio {ratio:F2})");
        ratio.Should().BeGreaterThan(0.5, "an unknown e-mail must not answer visibly faster than a real one");
    }

    [Fact]
    public async Task LockedAccount_GetsTheSameMessageAsAWrongPassword_AndFailuresAndLockoutAreAudited()
    {
        var checks = new HashChecks();
        var factory = Track(CountingHashChecks(checks, iterations: 10_000));
        var client = factory.CreateAnonymousClient();
        var wrongPage = await (await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "not-the-password-0")).Content.ReadAsStringAsync();
        for (var i = 1; i < 5; i++)
        {
            await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "not-the-password-" + i);
        }

        checks.Take();
        var lockedPage = await (await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, ConsoleFactory.Password)).Content.ReadAsStringAsync();
        checks.Take().Should().Equal([10_000], "a locked account still costs one hash check, so it is not told apart by time");
        var unknownPage = await (await ConsoleFactory.TrySignInAsync(client, "nobody@nowhere.test", "whatever-password")).Content.ReadAsStringAsync();

        ErrorOf(lockedPage).Should().Be(ErrorOf(wrongPage), "a locked account must not be told apart from a wrong password");
        ErrorOf(unknownPage).Should().Be(ErrorOf(wrongPage));
        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.CountAsync(e => e.Action == "sign_in.failed")).Should().Be(7);
        (await db.AuditEntries.CountAsync(e => e.Action == "user.locked_out")).Should().Be(1);
        (await db.AuditEntries.AnyAsync(e => e.Action == "sign_in.failed" && e.RecordId == "unknown" && e.Summary!.Contains("nobody@nowhere.test"))).Should().BeTrue();
    }

    [Fact]
    public async Task XForwardedFor_FromAnUnconfiguredSender_DoesNotDodgeThePerAddressSignInLimit()
    {
        var factory = Track(DirectlyConnectedFrom("10.0.0.5"));
        factory.Settings["RateLimiting:SignInAttemptsPerMinute"] = "3";
        var statuses = await SignInWithSpoofedAddressesAsync(factory, 5);
        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "every attempt comes from 10.0.0.5, whatever the header claims");
    }

    [Fact]
    public async Task XForwardedFor_FromAConfiguredProxy_IsHonoured()
    {
        var factory = Track(DirectlyConnectedFrom("10.0.0.5"));
        factory.Settings["RateLimiting:SignInAttemptsPerMinute"] = "3";
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5";
        var statuses = await SignInWithSpoofedAddressesAsync(factory, 5);
        statuses.Should().NotContain(HttpStatusCode.TooManyRequests, "behind the configured proxy each client address has its own limit");
    }

    [Theory]
    [InlineData("Password1234", false)]
    [InlineData("qwertyuiop123", false)]
    [InlineData("short-pass", false)]
    [InlineData("correct horse battery staple", true)]
    [InlineData("alllowercaseletters", true)]
    public async Task PasswordPolicy_FollowsAsvs21(string password, bool accepted)
    {
        var factory = Track(new ConsoleFactory());
        using var scope = factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var result = await admin.CreateAsync(
            new CreateUserRequest($"p{Guid.NewGuid():N}@test.local", "Person", ConsoleRoles.Viewer, password),
            new Actor(ActorKind.User, "admin", "Admin", IsOperator: true));
        result.Succeeded.Should().Be(accepted, string.Join(" ", result.Errors.SelectMany(e => e.Value)));
    }

    [Fact]
    public void CommonPasswordList_IsShippedWithTheApp()
    {
        CommonPasswordValidator.Count.Should().BeGreaterThan(5000);
        CommonPasswordValidator.IsCommon("Password1234").Should().BeTrue();
    }

    private static async Task<List<HttpStatusCode>> SignInWithSpoofedAddressesAsync(ConsoleFactory factory, int attempts)
    {
        var client = factory.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await ConsoleFactory.TrySignInAsync(client, ConsoleFactory.OperatorEmail, "not-the-password")).StatusCode);
        }

        return statuses;
    }

    /// <summary>A console whose password hasher records the cost of every hash it checks.</summary>
    private static ConsoleFactory CountingHashChecks(HashChecks checks, int iterations) => new()
    {
        ConfigureServices = s =>
        {
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
            s.AddScoped<IPasswordHasher<ConsoleUser>>(sp =>
                new CountingHasher(new PasswordHasher<ConsoleUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), checks));
        },
    };

    /// <summary>The PBKDF2 iteration count of each hash checked, read from Identity's v3 format (0x01, PRF, count, …).</summary>
    private sealed class HashChecks
    {
        private readonly List<int> _costs = [];

        public void Add(string hash)
        {
            var bytes = Convert.FromBase64String(hash);
            var cost = bytes[0] == 0x01 ? (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) : -1;
            lock (_costs)
            {
                _costs.Add(cost);
            }
        }

        public List<int> Take()
        {
            lock (_costs)
            {
                var taken = _costs.ToList();
                _costs.Clear();
                return taken;
            }
        }
    }

    private sealed class CountingHasher(IPasswordHasher<ConsoleUser> inner, HashChecks checks) : IPasswordHasher<ConsoleUser>
    {
        public string HashPassword(ConsoleUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ConsoleUser user, string hashedPassword, string providedPassword)
        {
            checks.Add(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The test server has no socket; this makes every request arrive from one address, as from one attacker.</summary>
    private static ConsoleFactory DirectlyConnectedFrom(string address) => new()
    {
        ConfigureServices = s => s.AddSingleton<IStartupFilter>(new RemoteAddress(System.Net.IPAddress.Parse(address))),
    };

    private sealed class RemoteAddress(System.Net.IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"login-error\">([^<]*)<").Groups[1].Value;

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> action)
    {
        var clock = Stopwatch.StartNew();
        (await action()).StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        return clock.Elapsed.TotalMilliseconds;
    }

    private ConsoleFactory Track(ConsoleFactory factory)
    {
        _factories.Add(factory);
        return factory;
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }
}

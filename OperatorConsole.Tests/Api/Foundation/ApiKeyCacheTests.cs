using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Access;
using OperatorConsole.Domain.Access;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>
/// Verified API keys are cached for a few seconds (ingest speed); revocation must still bite on the next request
/// when it is saved through the console, and within <see cref="ApiKeyService.CacheFor"/> when it is not.
/// </summary>
public sealed class ApiKeyCacheTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task KeyRevokedThroughAnySavedChange_IsRefusedOnTheNextRequest()
    {
        var secret = await factory.CreateKeyAsync(ApiScopes.Read);
        var machine = factory.CreateBearerClient(secret);
        (await machine.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK, "the key is verified and now cached");

        // Saved through a context of the console's own factory, as another instance sharing the database would:
        // the change is published on the live stream, which clears every instance's cache.
        await using (var db = factory.CreateDbContext())
        {
            var key = await db.Set<ApiKey>().SingleAsync(k => k.SecretHash == ApiKeyService.Hash(secret));
            key.RevokedAt = factory.Clock.GetUtcNow().UtcDateTime;
            key.RevokedBy = "another instance";
            await db.SaveChangesAsync();
        }

        await WaitUntilAsync(async () => (await machine.GetAsync("/api/leads")).StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyRevokedBehindTheConsolesBack_IsRefusedOnceTheCacheWindowEnds()
    {
        var secret = await factory.CreateKeyAsync(ApiScopes.Read);
        var machine = factory.CreateBearerClient(secret);
        (await machine.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A bulk update publishes nothing: only the cache's lifetime protects against it.
        await using (var db = factory.CreateDbContext())
        {
            var hash = ApiKeyService.Hash(secret);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            await db.Set<ApiKey>().Where(k => k.SecretHash == hash).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now));
        }

        (await machine.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK, "still inside the cache window");
        factory.Clock.Advance(ApiKeyService.CacheFor);
        (await machine.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CachedKey_StillRecordsItsUse_OncePerMinute()
    {
        var secret = await factory.CreateKeyAsync(ApiScopes.Read);
        var machine = factory.CreateBearerClient(secret);
        (await machine.GetAsync("/api/leads")).EnsureSuccessStatusCode();
        var first = await LastUsedAsync(secret);
        first.Should().NotBeNull();

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        (await machine.GetAsync("/api/leads")).EnsureSuccessStatusCode();
        (await LastUsedAsync(secret)).Should().Be(first, "a use within the minute is not written again");

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await machine.GetAsync("/api/leads")).EnsureSuccessStatusCode();
        (await LastUsedAsync(secret)).Should().Be(factory.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task UnknownSecrets_AreNeverCached()
    {
        var keys = factory.Services.GetService(typeof(ApiKeyService)) as ApiKeyService;
        keys.Should().NotBeNull();
        var before = keys!.CachedKeyCount;
        for (var i = 0; i < 50; i++)
        {
            (await keys!.AuthenticateAsync($"oc_random_{i:D40}")).Should().BeNull();
        }

        keys.CachedKeyCount.Should().Be(before);
    }

    private async Task<DateTime?> LastUsedAsync(string secret)
    {
        await using var db = factory.CreateDbContext();
        var hash = ApiKeyService.Hash(secret);
        return await db.Set<ApiKey>().AsNoTracking().Where(k => k.SecretHash == hash).Select(k => k.LastUsedAt).SingleAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // The live stream delivers on another thread; it is quick, but not synchronous with SaveChanges.
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        (await condition()).Should().BeTrue("the revocation must reach the cache without waiting for its lifetime");
    }
}

using OperatorConsole.Data.Access;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// Any saved change to an API key (created, revoked — on this instance or, through the live backplane, on
/// another) makes <see cref="ApiKeyService"/> forget its verified keys, so a revocation takes effect on the
/// next request everywhere and the cache's short lifetime is only a fallback.
/// </summary>
internal sealed class ApiKeyCacheInvalidation(ConsoleEvents events, ApiKeyService keys) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe([nameof(ApiKey)], _ =>
        {
            keys.ForgetCachedKeys();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}

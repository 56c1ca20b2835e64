using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OperatorConsole.Tests.Api.Alerts;

/// <summary>A request the receiver got: what a real Slack/Teams/our own receiver would see.</summary>
public sealed record ReceivedWebhook(string Path, string Body, string? Timestamp, string? Signature, string? Event, DateTimeOffset At);

/// <summary>
/// A minimal Kestrel endpoint on a free loopback port that records every POST. It can be told to fail the next N
/// requests (500) to exercise retries and the broken-channel path.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Every request, failed or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

    public string Url { get; private set; } = "";

    /// <summary>Raised for each accepted request (the benchmark times from the POST that caused it).</summary>
    public event Action<ReceivedWebhook>? Accepted;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext http) =>
        {
            Interlocked.Increment(ref _requests);
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                return Microsoft.AspNetCore.Http.Results.Text("receiver is down for maintenance", statusCode: 500);
            }

            Interlocked.Exchange(ref _failNext, 0);
            var received = new ReceivedWebhook(http.Request.Path, body, http.Request.Headers["X-OperatorConsole-Timestamp"], http.Request.Headers["X-OperatorConsole-Signature"],
                http.Request.Headers["X-OperatorConsole-Event"], DateTimeOffset.UtcNow);
            Received.Enqueue(received);
            Accepted?.Invoke(received);
            return Microsoft.AspNetCore.Http.Results.Text("ok");
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> requests get a 500 (int.MaxValue: down until told otherwise).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (DateTime.UtcNow < until)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The webhook receiver got no matching request. Received: " + string.Join(" | ", Received.Select(r => r.Body)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

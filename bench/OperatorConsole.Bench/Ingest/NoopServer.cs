using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OperatorConsole.Bench.Ingest;

/// <summary>
/// The baseline: Kestrel on loopback answering every request with 204 after reading the body. Same machine,
/// same client loop, same run: whatever the console does beyond this is the cost of the product itself.
/// Kept in the benchmark so the product carries no test-only endpoint.
/// </summary>
public sealed class NoopServer : IBenchCommand
{
    public string Name => "noop-server";

    public string Description => "(internal) the no-op Kestrel server the ingest baseline is measured against";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Int("port", 5099)}");
        var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = context.Request.Method == "GET" ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
        });
        await app.RunAsync();
        return 0;
    }
}

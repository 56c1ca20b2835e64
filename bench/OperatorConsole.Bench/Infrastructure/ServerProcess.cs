using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OperatorConsole.Bench;

/// <summary>
/// A server in its own process (its own GC and thread pool, like production), on a loopback port:
/// the console's published Web dll, or this benchmark's own no-op server.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int ProcessId => _process.Id;

    /// <summary>Working set of the server process, for the report.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>CPU time the server process used so far (user + system, all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The Web project's own Release build output (the bench references it, so it is built with it).</summary>
    public static string WebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OperatorConsole.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Solution folder not found"), "OperatorConsole.Web", "bin", configuration, "net10.0", "OperatorConsole.Web.dll");
    }

    /// <param name="dll">The console's dll; by default the build output (<see cref="WebDll"/>), which serves the API but
    /// not the screens' static files outside Development — screens need a published console (<c>dotnet publish</c>).</param>
    public static async Task<ServerProcess> StartConsoleAsync(string databasePath, IDictionary<string, string>? extra = null, string? dll = null)
    {
        var port = FreePort();
        dll ??= WebDll();
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
            ["ConnectionStrings__OperatorConsole"] = $"Data Source={databasePath}",
            ["Bootstrap__AdminEmail"] = BenchHost.OperatorEmail,
            ["Bootstrap__AdminPassword"] = BenchHost.Password,
            ["Bootstrap__ApiKey"] = BenchHost.AgentKey,
            ["Seed__Demo"] = "false",
            ["RateLimiting__ApiPermitsPerSecond"] = "1000000",
            ["RateLimiting__ApiBurst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return await StartAsync("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}", Path.GetDirectoryName(dll)!, env, port, "/health/ready");
    }

    public static async Task<ServerProcess> StartNoopAsync()
    {
        var port = FreePort();
        var self = typeof(ServerProcess).Assembly.Location;
        return await StartAsync("dotnet", $"\"{self}\" noop-server --port {port}", AppContext.BaseDirectory, new Dictionary<string, string>(), port, "/");
    }

    private static async Task<ServerProcess> StartAsync(string file, string args, string workingDirectory, IDictionary<string, string> env, int port, string readyPath)
    {
        var start = new ProcessStartInfo(file, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{args} exited with {process.ExitCode}: {stderr}");
            }

            try
            {
                var response = await http.GetAsync(server.BaseUrl + readyPath);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{args} did not become ready: {stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// The console as a real, separate process (the built OperatorConsole.Web.dll) on a loopback port, so a
/// test can SIGKILL it mid-write and start it again on the same database.
/// </summary>
public sealed class ConsoleProcess : IDisposable
{
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public ConsoleProcess(string databasePath, IDictionary<string, string>? environment = null)
    {
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__OperatorConsole"] = $"Data Source={databasePath}",
            ["Bootstrap__AdminEmail"] = ConsoleFactory.OperatorEmail,
            ["Bootstrap__AdminPassword"] = ConsoleFactory.Password,
            ["Bootstrap__ApiKey"] = ConsoleFactory.AgentKey,
            ["RateLimiting__ApiPermitsPerSecond"] = "100000",
            ["RateLimiting__ApiBurst"] = "100000",
            ["Semantic__Embeddings"] = "lexical",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int? ProcessId => _process?.Id;

    /// <summary>The Web project's own build output (same configuration as the tests).</summary>
    public static string WebDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory;
            var configuration = testBin.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dir = new DirectoryInfo(testBin);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OperatorConsole.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                throw new InvalidOperationException("Could not find the solution folder above " + testBin);
            }

            return Path.Combine(dir.FullName, "OperatorConsole.Web", "bin", configuration, "net10.0", "OperatorConsole.Web.dll");
        }
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{WebDll}\" --urls {BaseUrl}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The console exited with code {_process.ExitCode} during start.");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    return;
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

        throw new TimeoutException("The console did not become ready.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — the way a crash or an OOM kill ends a process.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }
}

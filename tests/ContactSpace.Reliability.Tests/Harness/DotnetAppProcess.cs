using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// A built ASP.NET Core app run as its own process (<c>dotnet app.dll --urls …</c>) on a fixed loopback port, so
/// it can be SIGKILLed and started again at the same address. Its output is appended to a log file that outlives
/// restarts, for reading after a failed run.
/// </summary>
internal sealed class DotnetAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private readonly string _appName;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _readinessPath;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private Process? _process;
    private int _starts;
    private bool _closed;

    public DotnetAppProcess(string appName, IReadOnlyDictionary<string, string> environment, string readinessPath, string logPath)
    {
        _appName = appName;
        _environment = environment;
        _readinessPath = readinessPath;
        LogPath = logPath;
        Port = FreePort();
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = BuiltApps.FolderOf(_appName);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(folder, _appName + ".dll"));
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            startInfo.Environment[key] = value;
        }

        _starts++;
        WriteLog($"=== start {_starts.ToString(CultureInfo.InvariantCulture)} of {_appName} from {folder} at {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{_appName} did not start.");
        process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < _startTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{_appName} exited at start with code {process.ExitCode}; see {LogPath}.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(_readinessPath, UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"{_appName} did not answer {_readinessPath} within {_startTimeout.TotalSeconds} s; see {LogPath}.");
    }

    /// <summary>SIGKILL: the process gets no chance to finish what it was doing, as in a crash or a lost instance.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        WriteLog($"=== SIGKILL of {_appName} at {DateTimeOffset.UtcNow:O}");
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logLock)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            // Output events of a killed process can still arrive after the log is closed.
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

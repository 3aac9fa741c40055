using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContactSpace.LoadDriver;

/// <summary>
/// A built app run as its own process (<c>dotnet app.dll --urls …</c>) on a free loopback port, with the driver's
/// startup hook loaded so its allocations can be read. Output is discarded except the last lines, kept for errors.
/// </summary>
internal sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ChildApp(string name, Process process, int port, string statsFile)
    {
        Name = name;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        StatsFile = statsFile;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string StatsFile { get; }

    public ProcessMeter Meter => ProcessMeter.Child(Name, _process.Id, StatsFile);

    /// <summary>Starts <c>{assembly}.dll</c> from its build output folder and waits until <paramref name="readinessPath"/> answers 2xx.</summary>
    public static async Task<ChildApp> StartAsync(
        string name, string assembly, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string> environment, string readinessPath, CancellationToken cancellationToken)
    {
        var folder = BuildOutput.FolderOf(assembly);
        var port = FreePort();
        var statsFile = Path.Combine(Path.GetTempPath(), $"loaddriver-{name}-{Guid.NewGuid():N}.alloc");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(folder, assembly + ".dll"));
        foreach (var argument in extraArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        startInfo.Environment[StartupHook.StatsFileVariable] = statsFile;
        var app = new ChildApp(name, Process.Start(startInfo) ?? throw new InvalidOperationException($"{name} did not start."), port, statsFile);
        try
        {
            await app.WaitReadyAsync(readinessPath, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(StatsFile);
    }

    private async Task WaitReadyAsync(string readinessPath, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited at start: {Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(readinessPath, UriKind.Relative), cancellationToken);
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

        throw new InvalidOperationException($"{Name} did not answer {readinessPath} within 60 s: {Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    private string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Where a referenced app's build output is: its own project output folder (the only one sure to hold its
/// functions.metadata and host.json as that project built them) when present, else next to the driver.
/// </summary>
internal static class BuildOutput
{
    public static string FolderOf(string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var driver = typeof(BuildOutput).Assembly.GetName().Name!;
        var candidates = new List<string>();

        // --artifacts-path layout: <artifacts>/bin/<Project>/<config>
        if (here.Parent is { } project && project.Name == driver && project.Parent is not null)
        {
            candidates.Add(Path.Combine(project.Parent.FullName, assembly, here.Name));
        }

        // Classic layout: <repo>/bench/<Project>/bin/<Config>/<tfm> → <repo>/src/<App>/bin/<Config>/<tfm>
        if (here.Parent?.Parent is { Name: "bin" } bin && bin.Parent?.Parent?.Parent is { } repo)
        {
            candidates.Add(Path.Combine(repo.FullName, "src", assembly, "bin", here.Parent.Name, here.Name));
        }

        candidates.Add(here.FullName);
        return candidates
            .Where(dir => File.Exists(Path.Combine(dir, assembly + ".dll")) && File.Exists(Path.Combine(dir, assembly + ".runtimeconfig.json")))
            .OrderByDescending(dir => File.GetLastWriteTimeUtc(Path.Combine(dir, assembly + ".dll")))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{assembly}.dll was not found near {here.FullName}: build the load driver first.");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContactSpace.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) started by the test run on free loopback ports.
/// In memory by default; with <see cref="AzuriteOptions.Location"/> it keeps its data on disk, so a stop and
/// restart (for storage-outage tests) forgets nothing.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // The well-known development account key Azurite accepts; it is public and not a secret.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(30);
    private readonly AzuriteOptions _options;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AzuriteServer(AzuriteOptions options, int blobPort, int queuePort, int tablePort)
    {
        _options = options;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>The Azurite launcher installed by scripts/install-tools.sh.</summary>
    public static string ExecutablePath => RepositoryPaths.Combine("tools", "azurite", "node_modules", ".bin", "azurite");

    public static async Task<AzuriteServer> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        var server = new AzuriteServer(options, FreePort(), FreePort(), FreePort());
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts Azurite again on the same ports and location after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <summary>
    /// Stops Azurite so storage is unreachable until <see cref="RestartAsync"/>: on disk with SIGTERM first (it saves
    /// what it has acknowledged), in memory with a kill.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var process = _process;
        _process = null;
        if (!process.HasExited && _options.Location is not null)
        {
            // On disk, Azurite saves its queue and table metadata every few seconds: a SIGKILL would forget the last
            // acknowledged writes, which real storage never does. SIGTERM lets it save and exit.
            await TerminateAsync(process);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // A stuck process is left to the OS; the ports are what matters and they are freed on exit.
            }
        }

        process.Dispose();
        await WaitForPortsClosedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_options.Location is not null && _options.DeleteLocationOnDispose)
        {
            try
            {
                Directory.Delete(_options.Location, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {ExecutablePath}. Run scripts/install-tools.sh (scripts/test.sh does it for you).");
        }

        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (_options.Location is null)
        {
            startInfo.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_options.Location);
            startInfo.ArgumentList.Add("--location");
            startInfo.ArgumentList.Add(_options.Location);
        }

        _output.Clear();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, e) => AppendOutput(e.Data);
        process.ErrorDataReceived += (_, e) => AppendOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < _startTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start (code {process.ExitCode}): {Output}");
            }

            if (IsListening(BlobPort) && IsListening(QueuePort) && IsListening(TablePort))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        await StopAsync();
        throw new InvalidOperationException($"Azurite did not listen within {_startTimeout.TotalSeconds} s: {Output}");
    }

    private static async Task TerminateAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running: StopAsync kills it.
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void AppendOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitForPortsClosedAsync()
    {
        for (var i = 0; i < 50 && (IsListening(BlobPort) || IsListening(QueuePort) || IsListening(TablePort)); i++)
        {
            await Task.Delay(100);
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class AzuriteOptions
{
    /// <summary>A folder to persist data in; null keeps everything in memory.</summary>
    public string? Location { get; init; }

    public bool DeleteLocationOnDispose { get; init; } = true;
}

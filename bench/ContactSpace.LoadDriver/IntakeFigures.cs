using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ContactSpace.Testing;

namespace ContactSpace.LoadDriver;

/// <summary>
/// Issue 3's figures in one run on loopback: the CPU floor (bare 202 endpoint), the storage floor (the bridge's
/// per-lead storage operations in a bare loop against Azurite), and the DevHost's intake in sync mode (inserted at
/// the simulator) and queue mode (stored for the queue trigger), with the ratios to both floors.
/// </summary>
internal static class IntakeFigures
{
    public static async Task<string> MeasureAsync(DriverOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: cancellationToken);
        var azuriteMeter = ProcessMeter.Child("azurite", AzuritePid.Of(azurite.QueuePort), null);
        await using var simulator = await ChildApp.StartAsync("simulator", "ContactSpace.Simulator", [], BridgeSettings.Simulator(), "/_sim/faults", cancellationToken);
        var rows = new List<FlowFigures>();
        var flow = new FlowMeasurer(options, progress, azuriteMeter, simulator.Meter);

        await using (var floor = await ChildApp.StartAsync("floor", "ContactSpace.LoadDriver", [FloorServer.Command], new Dictionary<string, string>(), "/api/health", cancellationToken))
        {
            using var http = Client(floor.BaseAddress, options);
            rows.Add(await flow.MeasureAsync(FlowKind.CpuFloor, "CPU floor: bare endpoint, 202", floor.Meter, 202, Post(http, runId + "f"), cancellationToken));
        }

        var storage = await StorageFloor.CreateAsync(azurite.ConnectionString, cancellationToken);
        rows.Add(await flow.MeasureAsync(FlowKind.StorageFloorSync, "storage floor, sync path: 2 inserts + 1 update", ProcessMeter.Self(), StorageFloor.Done, storage.DeliveredLeadAsync, cancellationToken));
        rows.Add(await flow.MeasureAsync(FlowKind.StorageFloorQueue, "storage floor, queue path: 2 inserts + enqueue + update", ProcessMeter.Self(), StorageFloor.Done, storage.QueuedLeadAsync, cancellationToken));

        await using (var devHost = await ChildApp.StartAsync(
            "devhost", "ContactSpace.Bridge.DevHost", [], BridgeSettings.DevHost(azurite.ConnectionString, simulator.BaseAddress, queueTriggerOff: false), "/api/health", cancellationToken))
        {
            using var http = Client(devHost.BaseAddress, options);
            rows.Add(await flow.MeasureAsync(FlowKind.Sync, "DevHost sync mode: inserted at the simulator, 201", devHost.Meter, 201, Post(http, runId + "s"), cancellationToken));
        }

        // Queue mode: contactSPACE refuses every insert at once (503), so intake stores each lead for the queue
        // trigger, which is off: what is measured is intake's own path to a durable 202.
        using (var admin = new HttpClient { BaseAddress = simulator.BaseAddress })
        {
            using var fault = await admin.PostAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), new { kind = "http503", function = "InsertRecord" }, cancellationToken);
            fault.EnsureSuccessStatusCode();
        }

        await using (var devHost = await ChildApp.StartAsync(
            "devhost", "ContactSpace.Bridge.DevHost", [], BridgeSettings.DevHost(azurite.ConnectionString, simulator.BaseAddress, queueTriggerOff: true), "/api/health", cancellationToken))
        {
            using var http = Client(devHost.BaseAddress, options);
            rows.Add(await flow.MeasureAsync(FlowKind.Queue, "DevHost queue mode: stored for the queue, 202", devHost.Meter, 202, Post(http, runId + "q"), cancellationToken));
        }

        return FlowFigures.ToMarkdown(rows, options);
    }

    private static HttpClient Client(Uri baseAddress, DriverOptions options)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("x-functions-key", BridgeSettings.RouteKey);
        return client;
    }

    /// <summary>One lead posted with its own idempotency key (unique per flow and index); the outcome is the answer's status.</summary>
    private static Func<int, CancellationToken, Task<int>> Post(HttpClient http, string runId) => async (index, cancellationToken) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/leads/{BridgeSettings.Route}", UriKind.Relative))
        {
            Content = new ByteArrayContent(LeadBody.For(runId, index)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"{runId}-{index}"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    };
}

/// <summary>The node process of the Azurite this run started, found by its queue port on the command line.</summary>
internal static class AzuritePid
{
    public static int Of(int queuePort)
    {
        var wanted = string.Create(CultureInfo.InvariantCulture, $"--queuePort\0{queuePort}\0");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryRead(Path.Combine(dir, "cmdline")) is { } commandLine
                && commandLine.Contains(wanted, StringComparison.Ordinal))
            {
                return pid;
            }
        }

        throw new InvalidOperationException("The Azurite process was not found.");
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;

namespace ContactSpace.LoadDriver;

internal enum FlowKind
{
    CpuFloor,
    StorageFloorSync,
    StorageFloorQueue,
    Sync,
    Queue,
}

/// <summary>Measures one flow: a warm-up, then the measured leads with CPU and allocations read around them.</summary>
internal sealed class FlowMeasurer(DriverOptions options, TextWriter progress, ProcessMeter azurite, ProcessMeter simulator)
{
    // The startup hook refreshes a child's allocation count every 50 ms: wait a few refreshes before reading.
    private static readonly TimeSpan _settle = TimeSpan.FromMilliseconds(300);

    public async Task<FlowFigures> MeasureAsync(
        FlowKind kind, string name, ProcessMeter host, int expected, Func<int, CancellationToken, Task<int>> lead, CancellationToken cancellationToken)
    {
        progress.WriteLine($"{name}: {options.Warmup} warm-up, then {options.Requests} leads, {options.Concurrency} at a time");
        await LoadRun.RunAsync(options.Warmup, options.Concurrency, options.DeadlinePerFlow, (i, ct) => lead(1_000_000 + i, ct), cancellationToken);
        await Task.Delay(_settle, cancellationToken);
        var before = (Host: host.Read(), Azurite: azurite.Read(), Simulator: simulator.Read());
        var load = await LoadRun.RunAsync(options.Requests, options.Concurrency, options.DeadlinePerFlow, lead, cancellationToken);
        await Task.Delay(_settle, cancellationToken);
        var after = (Host: host.Read(), Azurite: azurite.Read(), Simulator: simulator.Read());
        var figures = new FlowFigures(
            kind,
            name,
            load,
            load.Outcomes.GetValueOrDefault(expected),
            HostCpuMs: PerLead(after.Host.Cpu - before.Host.Cpu, load.Leads),
            HostAllocatedKb: after.Host.AllocatedBytes - before.Host.AllocatedBytes is { } bytes ? bytes / 1024.0 / load.Leads : null,
            AzuriteCpuMs: PerLead(after.Azurite.Cpu - before.Azurite.Cpu, load.Leads),
            SimulatorCpuMs: PerLead(after.Simulator.Cpu - before.Simulator.Cpu, load.Leads));
        progress.WriteLine($"  {figures.Load.PerSecond:F0} leads/s, p50 {figures.Load.P50Milliseconds:F1} ms, p99 {figures.Load.P99Milliseconds:F1} ms, {figures.AsExpected}/{load.Leads} answered {expected} ({load.DescribeOutcomes()})");
        return figures;
    }

    private static double PerLead(TimeSpan cpu, int leads) => leads == 0 ? double.NaN : cpu.TotalMilliseconds / leads;
}

/// <summary>One flow's figures, per lead.</summary>
internal sealed record FlowFigures(
    FlowKind Kind, string Name, LoadResult Load, int AsExpected, double HostCpuMs, double? HostAllocatedKb, double AzuriteCpuMs, double SimulatorCpuMs)
{
    public static string ToMarkdown(IReadOnlyList<FlowFigures> rows, DriverOptions options)
    {
        var cpuFloor = rows.Single(r => r.Kind == FlowKind.CpuFloor);
        FlowFigures StorageFloorFor(FlowKind kind) => rows.Single(r => r.Kind == (kind == FlowKind.Queue ? FlowKind.StorageFloorQueue : FlowKind.StorageFloorSync));
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Loopback, {Environment.ProcessorCount} cores, {options.Requests} leads per flow after {options.Warmup} warm-up, {options.Concurrency} concurrent; per lead: CPU of the process serving the flow (the driver's own for the storage loop), its allocations, and Azurite's and the simulator's CPU.")
            .AppendLine()
            .AppendLine("| flow | leads (as expected) | leads/s | p50 ms | p99 ms | CPU ms/lead | alloc KB/lead | Azurite CPU ms/lead | simulator CPU ms/lead | leads/s ÷ CPU floor | leads/s ÷ storage floor | CPU ÷ CPU floor |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var bridge = row.Kind is FlowKind.Sync or FlowKind.Queue;
            var storageFloor = bridge ? StorageFloorFor(row.Kind) : null;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Load.Leads} ({row.AsExpected}) | {row.Load.PerSecond:F0} | {row.Load.P50Milliseconds:F1} | {row.Load.P99Milliseconds:F1} | " +
                $"{row.HostCpuMs:F3} | {(row.HostAllocatedKb is { } kb ? kb.ToString("F1", CultureInfo.InvariantCulture) : "n/a")} | {row.AzuriteCpuMs:F3} | {row.SimulatorCpuMs:F3} | " +
                $"{(bridge ? Ratio(row.Load.PerSecond, cpuFloor.Load.PerSecond) : "")} | {(storageFloor is null ? "" : Ratio(row.Load.PerSecond, storageFloor.Load.PerSecond))} | " +
                $"{(bridge ? Ratio(row.HostCpuMs, cpuFloor.HostCpuMs) : "")} |");
        }

        return text.ToString();
    }

    private static string Ratio(double value, double floor) => floor > 0 ? (value / floor).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}

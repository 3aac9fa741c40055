using System.Diagnostics;
using System.Globalization;

namespace ContactSpace.LoadDriver;

/// <summary>CPU time and allocated bytes of one process, read before and after a measured stretch.</summary>
internal abstract class ProcessMeter
{
    public abstract string Name { get; }

    public abstract Sample Read();

    /// <summary>The driver's own process (in-process loops): exact allocation counts.</summary>
    public static ProcessMeter Self() => new SelfMeter();

    /// <summary>A child process: CPU from <c>/proc/&lt;pid&gt;/stat</c>, allocations from the startup hook's file when it has one.</summary>
    public static ProcessMeter Child(string name, int pid, string? statsFile) => new ChildMeter(name, pid, statsFile);

    internal readonly record struct Sample(TimeSpan Cpu, long? AllocatedBytes);

    private sealed class SelfMeter : ProcessMeter
    {
        public override string Name => "driver";

        public override Sample Read()
        {
            using var self = Process.GetCurrentProcess();
            return new Sample(self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        }
    }

    private sealed class ChildMeter(string name, int pid, string? statsFile) : ProcessMeter
    {
        // Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
        private const double TicksPerSecond = 100;

        public override string Name => name;

        public override Sample Read()
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // Fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long? allocated = statsFile is not null && File.Exists(statsFile)
                ? long.Parse(File.ReadAllText(statsFile), CultureInfo.InvariantCulture)
                : null;
            return new Sample(TimeSpan.FromSeconds(ticks / TicksPerSecond), allocated);
        }
    }
}

using System.Globalization;

#pragma warning disable CA1050 // The runtime looks the hook up by this exact name, in no namespace.

/// <summary>
/// Loaded into a child process through <c>DOTNET_STARTUP_HOOKS</c> when the driver measures it: writes the process's
/// allocated bytes (<see cref="GC.GetTotalAllocatedBytes"/>) to the file named by <c>LOADDRIVER_STATS_FILE</c> every
/// 50 ms, so allocations per lead can be read for processes the driver does not host. Does nothing otherwise.
/// </summary>
public static class StartupHook
{
    public const string StatsFileVariable = "LOADDRIVER_STATS_FILE";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(StatsFileVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var thread = new Thread(() => Report(path)) { IsBackground = true, Name = "LoadDriver allocation report" };
        thread.Start();
    }

    private static void Report(string path)
    {
        var temporary = path + ".tmp";
        while (true)
        {
            try
            {
                // Written aside and renamed, so a reader never sees half a number.
                File.WriteAllText(temporary, GC.GetTotalAllocatedBytes(precise: false).ToString(CultureInfo.InvariantCulture));
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException)
            {
            }

            Thread.Sleep(50);
        }
    }
}

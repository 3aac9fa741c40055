using System.Globalization;
using System.Diagnostics;
using ContactSpace.Testing;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// Makes storage unreachable and brings it back on the same on-disk location. Azurite is stopped with SIGTERM
/// first: it keeps its queue and table metadata in LokiJS files saved every 5 s, so a SIGKILL (what
/// <see cref="AzuriteServer.StopAsync"/> sends) would forget the last seconds of acknowledged writes, which real
/// storage never does.
/// </summary>
internal static class AzuriteOutage
{
    public static async Task StopGracefullyAsync(AzuriteServer azurite)
    {
        var pid = FindAzuritePid(azurite.QueuePort);
        if (pid is not null)
        {
            using (var kill = Process.Start("kill", ["-TERM", pid.Value.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            for (var i = 0; i < 150 && Directory.Exists($"/proc/{pid.Value.ToString(CultureInfo.InvariantCulture)}") && !IsZombie(pid.Value); i++)
            {
                await Task.Delay(100);
            }
        }

        // Reaps the process (or kills it if SIGTERM was not enough) and waits for the ports to close.
        await azurite.StopAsync();
    }

    public static Task RestartAsync(AzuriteServer azurite, CancellationToken cancellationToken) => azurite.RestartAsync(cancellationToken);

    /// <summary>The node process this run started for Azurite, found by the queue port on its command line.</summary>
    private static int? FindAzuritePid(int queuePort)
    {
        var wanted = $"--queuePort\0{queuePort.ToString(CultureInfo.InvariantCulture)}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (commandLine.Contains(wanted, StringComparison.Ordinal) && commandLine.Contains("azurite", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}

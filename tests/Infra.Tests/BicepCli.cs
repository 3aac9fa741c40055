using System.Diagnostics;
using System.Reflection;

namespace Infra.Tests;

/// <summary>Runs the Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
public static class BicepCli
{
    private static readonly Lazy<string> _executable = new(Locate);

    public static string Executable => _executable.Value;

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: no telemetry, and no registry look-ups (the templates use local modules only).
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        // The build stamps the path under the NuGet packages folder the restore used.
        var stamped = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepExecutable")?.Value;
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(stamped))
        {
            candidates.Add(stamped);
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        candidates.Add(Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep"));

        var found = candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            "The Bicep CLI was not found; restore tests/Infra.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64 0.49.2). Looked in: "
            + string.Join(", ", candidates));

        // The package holds the linux-x64 build; NuGet extracts without the execute bit on some machines.
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep CLI package restored here is the linux-x64 build.");
        }

        var mode = File.GetUnixFileMode(found);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(found, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return found;
    }
}

public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics at error level: lines such as <c>file(12,3) : Error rule-name: message</c>.</summary>
    public IReadOnlyList<string> Errors => [.. StandardError.Split('\n').Where(l => l.Contains(" : Error ", StringComparison.Ordinal))];
}

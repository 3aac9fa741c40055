namespace ContactSpace.Testing;

/// <summary>Finds the repository root (the folder holding Functions.sln) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> _root = new(() =>
    {
        // Builds with --artifacts-path put the output outside the repository: the build stamps the root in.
        var stamped = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "Functions.sln")))
        {
            return Path.GetFullPath(stamped);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Functions.sln was not found above {AppContext.BaseDirectory}.");
    });

    public static string Root => _root.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// Finds the built DevHost and simulator to start as separate processes. The test project references both, so
/// their assemblies sit next to the test assembly; the project's own output folder is preferred when it exists
/// because it alone is sure to hold that app's appsettings (two referenced web apps copy theirs over each other).
/// </summary>
internal static class BuiltApps
{
    public const string DevHost = "ContactSpace.Bridge.DevHost";
    public const string Simulator = "ContactSpace.Simulator";

    /// <summary>The folder holding <c>{name}.dll</c> with its runtimeconfig, to start with <c>dotnet</c>.</summary>
    public static string FolderOf(string name)
    {
        var candidates = Candidates(name)
            .Where(dir => File.Exists(Path.Combine(dir, name + ".dll")) && File.Exists(Path.Combine(dir, name + ".runtimeconfig.json")))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"{name}.dll was not found next to the test assembly ({AppContext.BaseDirectory}) nor in its project's output. Build the test project first.");
        }

        // A stale output folder from an older build must not win over the copy made by this build.
        return candidates
            .OrderByDescending(dir => File.GetLastWriteTimeUtc(Path.Combine(dir, name + ".dll")))
            .ThenBy(dir => dir == TestFolder ? 1 : 0)
            .First();
    }

    private static string TestFolder => Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar);

    private static IEnumerable<string> Candidates(string name)
    {
        var testFolder = new DirectoryInfo(TestFolder);
        var testProject = typeof(BuiltApps).Assembly.GetName().Name!;

        // --artifacts-path layout: <artifacts>/bin/<Project>/<config>
        if (testFolder.Parent is { Name: var projectFolder } parent && projectFolder == testProject && parent.Parent is not null)
        {
            yield return Path.Combine(parent.Parent.FullName, name, testFolder.Name);
        }

        // Classic layout: <repo>/tests/<Project>/bin/<Config>/<tfm> → <repo>/src/<App>/bin/<Config>/<tfm>
        var tfm = testFolder;
        var config = tfm.Parent;
        if (config?.Parent is { Name: "bin" } bin && bin.Parent?.Parent?.Parent is { } repo)
        {
            yield return Path.Combine(repo.FullName, "src", name, "bin", config.Name, tfm.Name);
        }

        yield return TestFolder;
    }
}

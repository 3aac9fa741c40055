using System.Text.Json;
using ContactSpace.Bridge.Intake;

namespace ContactSpace.Bridge.Tests.Intake;

/// <summary>Every preset's fixtures (provider payload shapes from their public docs) map to the expected contactSPACE fields.</summary>
public sealed class PresetFixtureTests
{
    private static readonly Dictionary<string, string> _contentTypes = new()
    {
        [".json"] = "application/json",
        [".form"] = "application/x-www-form-urlencoded",
        [".multipart"] = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
        [".xml"] = "text/xml; charset=utf-8",
    };

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        var root = IntakeHarness.FixturePath(string.Empty);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order())
        {
            var relative = Path.GetRelativePath(root, file);
            data.Add(Path.GetDirectoryName(relative)!, Path.GetFileName(relative));
        }

        return data;
    }

    [Fact]
    public void Every_preset_has_at_least_one_fixture()
    {
        var withFixtures = Fixtures().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(RoutePresets.Names, preset => Assert.Contains(preset, withFixtures));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_maps_to_the_expected_fields(string preset, string file)
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("r", preset, ("Auth:Secret", "s3cret-value")));
        var body = File.ReadAllBytes(IntakeHarness.FixturePath(Path.Combine(preset, file)));
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(IntakeHarness.Fixture(Path.Combine(preset, file + ".expected.json")))!;

        var result = harness.Remapper.Remap("r", body, _contentTypes[Path.GetExtension(file)]);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(expected.OrderBy(p => p.Key), result.Lead!.Fields.OrderBy(p => p.Key));
        Assert.Equal(101, result.Lead.DatasetId);
        Assert.Equal(7, result.Lead.InitiativeId);
    }

    [Fact]
    public void A_route_overrides_one_preset_field_and_keeps_the_rest()
    {
        using var harness = new IntakeHarness(IntakeHarness.Route("r", RoutePresets.Webflow,
            ("Auth:Secret", "k"),
            ("Fields:Company:Omit", "true"),
            ("Fields:Lead_Source:Constant", "Webflow (AU site)"),
            ("Fields:Notes:Source", "payload.publishedPath")));

        var lead = harness.Remapper.Remap("r", File.ReadAllBytes(IntakeHarness.FixturePath("webflow/form-submission.json")), "application/json").Lead!;

        Assert.False(lead.Fields.ContainsKey("Company"));
        Assert.Equal("Webflow (AU site)", lead.Fields["Lead_Source"]);
        Assert.Equal("/contact", lead.Fields["Notes"]);
        Assert.Equal("Zaphod", lead.Fields["First_Name"]);
    }
}

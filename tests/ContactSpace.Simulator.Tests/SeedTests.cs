namespace ContactSpace.Simulator.Tests;

/// <summary>The account comes from <c>Simulator:SeedFile</c> when one is given.</summary>
public sealed class SeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simulator-seed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteSeed(string json)
    {
        var path = Path.Combine(_directory, "seed.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task A_seed_file_defines_the_account()
    {
        var seed = WriteSeed("""
            {
              // comments are allowed
              "statuses": [ { "id": 1, "name": "Logged Out" }, { "id": 2, "name": "Ready" } ],
              "clis": [ { "id": 9, "callerId": "61299990000" } ],
              "initiatives": [ {
                "id": 201, "name": "Solar", "fields": [ "Name", "Phone", "Kw" ], "fieldTypes": { "Kw": "integer" },
                "outcomes": [ { "id": 900, "name": "Booked", "isFinal": true } ],
                "datasets": [ { "id": 1963, "name": "Solar Leads" } ], "cliId": 9
              } ],
              "users": [ { "id": 12, "email": "agent@example.com", "firstName": "Ada", "surname": "Agent", "status": "Ready" } ],
              "skills": [ { "id": 3, "name": "Solar", "initiatives": [ { "initiativeId": 201, "weight": 0.7 } ] } ],
              "records": [ { "datasetId": 1963, "fields": { "Name": "Existing", "Kw": "6" } } ],
            }
            """);
        using var factory = SimulatorFactory.WithSettings(new() { ["Simulator:SeedFile"] = seed });
        var api = factory.Api();

        var outcomes = (await api.XmlAsync("GetOutcome", ("initiativeid", "201"))).Element("outcomes")!.Elements("outcome");
        var status = (await api.XmlAsync("GetAgentStatus", ("userid", "12"))).Element("status")!.Value;
        var found = (await api.XmlAsync("SearchRecord", ("datasetid", "1963"))).Element("records")!.Elements("record").ToList();
        var refused = await api.MessageAsync("InsertRecord", ("datasetid", "1963"), ("xmldata", "<record><Kw>lots</Kw></record>"));
        var inserted = await api.InsertAsync(1963, "<record><Name>New</Name><Kw>5</Kw></record>");

        Assert.Equal("Booked", Assert.Single(outcomes).Element("Name")!.Value);
        Assert.Equal("Ready", status);
        Assert.Equal("Existing", Assert.Single(found).Element("Name")!.Value);
        Assert.Equal("1", found[0].Element("cs_201_original_id")!.Value);
        Assert.Equal("Incorrect integer value: 'lots' for column 'Kw' at row 1", refused);
        Assert.Equal(2, inserted);
        Assert.Equal("Invalid dataset ID", await api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><Name>x</Name></record>")));
        Assert.Equal(1964, factory.State.CreateDataSet(201, "Next", true).Id);
        Assert.Equal(0.7, factory.State.Skills(3).Single().Initiatives.Single().Weight);
    }

    [Theory]
    [InlineData("""{ "statuses": [ { "id": 1, "name": "Logged Out" } ], "users": [ { "id": 1, "status": "Ready" } ] }""", "user 1 has status 'Ready'")]
    [InlineData("""{ "initiatives": [ { "id": 1, "fields": [ "Bad Name" ] } ] }""", "'Bad Name', which is not an XML name")]
    [InlineData("""{ "initiatives": [ { "id": 1, "fields": [ "A" ], "fieldTypes": { "A": "blob" } } ] }""", "Field 'A' has type 'blob'")]
    [InlineData("""{ "initiatives": [ { "id": 1 }, { "id": 1 } ] }""", "initiative id 1 appears twice")]
    [InlineData("""{ "initiatives": [ { "id": 1, "fields": [ "A" ], "datasets": [ { "id": 5 } ] } ], "records": [ { "datasetId": 5, "fields": { "B": "x" } } ] }""", "Unknown column 'B'")]
    [InlineData("""{ "initiatives": [ """, "is not a valid seed")]
    public void A_seed_that_contradicts_itself_stops_start_up_with_a_clear_message(string json, string expected)
    {
        var seed = WriteSeed(json);
        using var factory = SimulatorFactory.WithSettings(new() { ["Simulator:SeedFile"] = seed });

        var failure = Assert.ThrowsAny<InvalidOperationException>(() => factory.Services);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_seed_file_stops_start_up()
    {
        using var factory = SimulatorFactory.WithSettings(new() { ["Simulator:SeedFile"] = Path.Combine(_directory, "absent.json") });

        var failure = Assert.ThrowsAny<InvalidOperationException>(() => factory.Services);

        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }
}

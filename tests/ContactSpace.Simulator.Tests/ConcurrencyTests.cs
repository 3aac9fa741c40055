using System.Globalization;
using ContactSpace.Simulator.Seed;
using ContactSpace.Simulator.State;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Simulator.Tests;

/// <summary>The state is hammered by load tests: concurrent inserts must all land with distinct ids.</summary>
public sealed class ConcurrencyTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    [Fact]
    public async Task Concurrent_HTTP_inserts_all_land_with_unique_ids()
    {
        var inserts = Enumerable.Range(0, 400)
            .Select(i => Api.InsertAsync(1 + (i % 2), $"<record><First_Name>Lead {i}</First_Name></record>"));

        var ids = await Task.WhenAll(inserts);

        var stored = Factory.State.Records();
        Assert.Equal(400, stored.Count);
        Assert.Equal(200, stored.Count(r => r.InitiativeId == 1));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Where(r => r.InitiativeId == 2).Select(r => r.Id).Order());
        Assert.Equal(400, stored.Select(r => r.Fields["First_Name"]).Distinct().Count());
        Assert.Equal(200, ids.Distinct().Count());
    }

    [Fact]
    public void Thousands_of_parallel_inserts_updates_and_reads_keep_ids_unique()
    {
        var state = new SimulatorState(DefaultSeed.Create(), new FakeTimeProvider(), new Uri("http://recordings.invalid/"));

        var found = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var leadId = i.ToString(CultureInfo.InvariantCulture);
            var record = state.InsertRecord(1, [new("Lead_ID", leadId)]);
            state.UpdateRecord(1, record.Id, [new("Notes", "seen")]);
            if (i % 40 == 0 && state.SearchRecords(1, null, [new("Lead_ID", leadId)]).Count == 1)
            {
                Interlocked.Increment(ref found);
            }
        });

        var records = state.Records(1);
        Assert.Equal(4000, records.Count);
        Assert.Equal(4000, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(4000, records.Max(r => r.Id));
        Assert.Equal(100, found);
        Assert.All(records, r => Assert.Equal("seen", r.Fields["Notes"]));
    }
}

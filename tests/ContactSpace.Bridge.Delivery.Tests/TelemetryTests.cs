using System.Diagnostics.Metrics;
using ContactSpace.Bridge.Leads;
using ContactSpace.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ContactSpace.Bridge.Delivery.Tests;

[Collection(DeliveryCollection.Name)]
public sealed class TelemetryTests
{
    private readonly DeliveryFixture _fixture;

    public TelemetryTests(DeliveryFixture fixture)
    {
        _fixture = fixture;
        fixture.ResetSimulator();
    }

    [Fact]
    public async Task Each_transition_is_counted_by_route()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, _fixture.Simulator);
        var meters = harness.Services.GetRequiredService<IMeterFactory>();
        using var received = new MetricCollector<long>(meters, DeliveryMetrics.MeterName, "bridge.leads.received");
        using var delivered = new MetricCollector<long>(meters, DeliveryMetrics.MeterName, "bridge.leads.delivered");
        using var retried = new MetricCollector<long>(meters, DeliveryMetrics.MeterName, "bridge.leads.retried");
        using var adopted = new MetricCollector<long>(meters, DeliveryMetrics.MeterName, "bridge.leads.duplicates_adopted");
        using var deadLettered = new MetricCollector<long>(meters, DeliveryMetrics.MeterName, "bridge.leads.dead_lettered");
        _fixture.Simulator.Faults.Add(new FaultRule { Kind = FaultKind.DropAfterApply, Function = "InsertRecord", Count = 1 });

        await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(), CancellationToken.None);
        await harness.Processor.ProcessAsync(await harness.ReceiveDeliveryMessageAsync(), 1, CancellationToken.None);
        await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(fields: new Dictionary<string, string> { ["Record_ID"] = "1" }), CancellationToken.None);

        Assert.Equal(2, received.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, delivered.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, retried.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, adopted.GetMeasurementSnapshot().EvaluateAsCounter());
        var deadLetter = Assert.Single(deadLettered.GetMeasurementSnapshot());
        Assert.Equal(DeliveryHarness.Route, deadLetter.Tags["route"]);
        Assert.Equal(nameof(DeadLetterReason.Rejected), deadLetter.Tags["reason"]);
    }

    [Fact]
    public async Task Logs_carry_lead_ids_and_routes_but_no_field_values_or_service_messages()
    {
        await using var harness = await DeliveryHarness.WithSimulatorAsync(_fixture.Azurite.ConnectionString, _fixture.Simulator);
        _fixture.Simulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503, Function = "InsertRecord", Count = 1 });
        var fields = new Dictionary<string, string> { ["First_Name"] = "Grace", ["Surname"] = "Hopper", ["Mobile_Phone"] = "61400111222" };

        var queued = await harness.Acceptor.AcceptAsync(DeliveryHarness.Lead(fields: fields), CancellationToken.None);
        await harness.Processor.ProcessAsync(await harness.ReceiveDeliveryMessageAsync(), 1, CancellationToken.None);
        var rejected = await harness.Acceptor.AcceptAsync(
            DeliveryHarness.Lead(fields: new Dictionary<string, string> { ["Surname"] = "Hopper", ["Secret_Column"] = "x" }), CancellationToken.None);

        Assert.Equal(AcceptanceStatus.Rejected, rejected.Status);
        var delivery = string.Join('\n', harness.Logs.Entries.Where(e => e.Category.StartsWith("ContactSpace.Bridge", StringComparison.Ordinal)));
        Assert.Contains(queued.LeadId!, delivery, StringComparison.Ordinal);
        Assert.Contains("on route web", delivery, StringComparison.Ordinal);
        Assert.DoesNotContain("Hopper", delivery, StringComparison.Ordinal);
        Assert.DoesNotContain("61400111222", delivery, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret_Column", delivery, StringComparison.Ordinal);
    }
}

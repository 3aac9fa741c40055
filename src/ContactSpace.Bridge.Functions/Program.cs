using ContactSpace.Bridge;
using ContactSpace.Bridge.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// The lead-transition counters (received, delivered, retried, dead-lettered) feed the alerts in infra/.
builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(DeliveryMetrics.MeterName));
builder.Services.AddContactSpaceBridge(builder.Configuration);
builder.Build().Run();

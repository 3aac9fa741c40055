using ContactSpace.Simulator.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddContactSpaceSimulator();
var app = builder.Build();
app.MapContactSpaceSimulator();
app.Run();

/// <summary>The simulator's entry point, public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "contactSPACE simulator");
app.Run();

public partial class Program;

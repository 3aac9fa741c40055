using ContactSpace.Bridge.DevHost;

// The Functions app's classes on plain ASP.NET Core, for machines without Functions Core Tools.
var builder = DevHostApplication.CreateBuilder(args);
var app = DevHostApplication.Build(builder);
await app.RunAsync();

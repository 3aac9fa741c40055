using ContactSpace.LoadDriver;

if (args.Length > 0 && args[0] == FloorServer.Command)
{
    await FloorServer.RunAsync(args[1..]);
    return 0;
}

// `polling [--agents=10,100,1000] [--leads=1000,100000] [--cycles=N]`: contactSPACE calls and table transactions
// per cycle of the pollers, shipped schedule against the naive one.
if (args.Length > 0 && args[0] == "polling")
{
    return await ContactSpace.LoadDriver.Polling.PollingCostScenario.RunAsync(args[1..]);
}

var options = DriverOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var report = await IntakeFigures.MeasureAsync(options, Console.Out, cancellation.Token);
Console.WriteLine();
Console.WriteLine(report);
if (options.OutputFile is { } file)
{
    await File.WriteAllTextAsync(file, report, cancellation.Token);
}

return 0;

using ContactSpace.LoadDriver;

if (args.Length > 0 && args[0] == FloorServer.Command)
{
    await FloorServer.RunAsync(args[1..]);
    return 0;
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

using System.Globalization;

namespace ContactSpace.LoadDriver;

/// <summary>Command-line options: how many leads per flow, how many at once, and a time bound per flow.</summary>
internal sealed record DriverOptions(int Requests, int Concurrency, int Warmup, TimeSpan DeadlinePerFlow, string? OutputFile)
{
    public const string Usage =
        "usage: ContactSpace.LoadDriver [--requests 2000] [--concurrency 16] [--warmup 200] [--seconds 60] [--out figures.md]";

    public static DriverOptions? Parse(string[] args)
    {
        var options = new DriverOptions(2000, 16, 200, TimeSpan.FromSeconds(60), null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }

            switch (args[i])
            {
                case "--requests" when Positive(value) is { } n:
                    options = options with { Requests = n };
                    break;
                case "--concurrency" when Positive(value) is { } n:
                    options = options with { Concurrency = n };
                    break;
                case "--warmup" when Positive(value) is { } n:
                    options = options with { Warmup = n };
                    break;
                case "--seconds" when Positive(value) is { } n:
                    options = options with { DeadlinePerFlow = TimeSpan.FromSeconds(n) };
                    break;
                case "--out":
                    options = options with { OutputFile = value };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options;
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}

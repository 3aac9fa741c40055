using ContactSpace.Testing;

namespace ContactSpace.Reliability.Tests.Harness;

/// <summary>
/// Makes storage unreachable and brings it back on the same on-disk location. <see cref="AzuriteServer.StopAsync"/>
/// stops an on-disk Azurite with SIGTERM, so it saves the writes it acknowledged, as real storage keeps them.
/// </summary>
internal static class AzuriteOutage
{
    public static Task StopGracefullyAsync(AzuriteServer azurite) => azurite.StopAsync();

    public static Task RestartAsync(AzuriteServer azurite, CancellationToken cancellationToken) => azurite.RestartAsync(cancellationToken);
}

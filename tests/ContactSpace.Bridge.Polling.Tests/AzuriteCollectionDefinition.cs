using ContactSpace.Testing;

namespace ContactSpace.Bridge.Polling.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

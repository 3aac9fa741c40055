metadata description = 'Writes secrets into an existing Key Vault; a secret with an empty value is skipped so one set by hand is never overwritten.'

@description('Name of the existing Key Vault.')
param keyVaultName string

@description('Secrets to write: Key Vault secret name to value. Empty values are skipped.')
@secure()
param secrets object

resource keyVault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = [
  for item in items(secrets): if (!empty(item.value)) {
    parent: keyVault
    name: item.key
    properties: {
      value: item.value
      contentType: 'text/plain'
    }
  }
]

metadata description = 'Types shared by main.bicep and the app module.'

@export()
@description('One intake route: its settings under Bridge:Routes:{name}, and which of them come from Key Vault.')
type routeType = {
  @description('Plain settings below Bridge:Routes:{name}, e.g. { "DatasetId": "12", "Mode": "InsertRecord", "Fields__Phone__Source": "phone" } (__ nests). Never secrets.')
  settings: { *: string }

  @description('Secret settings below Bridge:Routes:{name} mapped to the Key Vault secret holding the value, e.g. { "Auth__Secret": "route-website-secret" }.')
  secrets: { *: string }?
}

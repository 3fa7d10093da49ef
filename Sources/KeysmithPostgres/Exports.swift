// `import KeysmithPostgres` brings the key model and the service (Keysmith) with the store.
@_exported import Keysmith

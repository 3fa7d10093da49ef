// `import KeysmithHTTP` brings the key model and the service (Keysmith) with the middleware.
@_exported import Keysmith

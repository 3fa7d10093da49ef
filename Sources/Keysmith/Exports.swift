// `import Keysmith` is the one import an embedder needs for the key model (KeysmithCore: keys,
// secrets, the clock, the catalog, the check) and the service over a store (KeysmithStore:
// the store interface, the memory store, KeyService).
@_exported import KeysmithCore
@_exported import KeysmithStore

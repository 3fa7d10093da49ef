// `import KeysmithOpenAPI` brings the key model and the store too; OpenAPIKit and Yams stay
// inside this module (the core model never depends on them).
@_exported import Keysmith

// `import KeysmithScript` is the one import a program that runs scripts needs: the key model
// and the service (Keysmith) and the source files, parser and syntax errors (KeysmithSyntax).
@_exported import Keysmith
@_exported import KeysmithSyntax

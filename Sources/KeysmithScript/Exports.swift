// `import KeysmithScript` is the one import a program that runs scripts needs: the key model
// and the service (Keysmith), and from the syntax layer only what a script's host handles — a
// source file to run, a location, a syntax error (the lexer and parser stay package-level).
@_exported import Keysmith

@_exported import struct KeysmithSyntax.SourceFile
@_exported import struct KeysmithSyntax.SourceLocation
@_exported import struct KeysmithSyntax.SyntaxError

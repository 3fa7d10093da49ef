// `import KeysmithREPL` brings the interpreter (KeysmithScript, and with it Keysmith) too.
@_exported import KeysmithScript

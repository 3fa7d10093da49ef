import KeysmithREPL

// The REPL alone: a host program opens keysmith's REPL on a store with its own catalog. Run
// in a terminal it is interactive; with `--banner` it prints the banner and ends, so a build
// check can run it.
let service = KeyService(store: MemoryStore(catalog: Catalog()))
let interpreter = Interpreter(service: service, output: StandardOutput())
print(REPL.banner(version: "own-api", store: service.store.location))
if !CommandLine.arguments.contains("--banner") {
    await REPL(interpreter: interpreter, editor: LibEditLineEditor(programName: "own-api", historyFile: nil)).run()
}

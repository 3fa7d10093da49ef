import KeysmithScript

// The interpreter alone, on an API of one's own: endpoints added by the script itself.
let service = KeyService(store: MemoryStore(catalog: Catalog()))
let output = BufferedOutput()
let interpreter = Interpreter(service: service, output: output)
let outcome = await interpreter.run(
    SourceFile(
        name: "own.ks",
        text: """
            endpoint add GET /invoices/{id} --grants InvoicesRead
            let k = key create books --expires never --grants InvoicesRead
            expect allow check $k.secret GET /invoices/7
            expect deny:unknown_endpoint check $k.secret GET /v1/documents/d1
            """))
print(output.text, terminator: "")
guard outcome == .completed, interpreter.failedExpectations == 0 else { fatalError("the script failed: \(outcome)") }

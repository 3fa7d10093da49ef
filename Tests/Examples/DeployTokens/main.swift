import KeysmithScript

// A program that runs KeyScript with a command of its own: `deploy-token NAME` creates a
// 30-day key with the grants a deploy needs. The clock and the randomness are fixed so the
// output is the same on every run; leave them out to get real time and real secrets.
let service = KeyService(store: MemoryStore(), clock: SessionClock(frozenAt: Instant(parsing: "2026-01-01")!),
                         random: SeededRandomSource(seed: 7))
let output = BufferedOutput()
let interpreter = Interpreter(service: service, output: output)

interpreter.register(CommandSpec(
    "deploy-token", summary: "creates a 30-day key that can read documents and folders",
    parameters: [Parameter("NAME", .keyName)]
) { call in
    let created = try await call.service.createKey(
        name: try call.text("NAME"), expires: .after(KeyDuration(seconds: 30 * 86_400)),
        grants: ["DocumentReadonly", "FolderReadonly"], actor: call.actor)
    call.output.line("created deploy token \(created.info.id) \"\(created.info.name)\"")
    return .secret(created.secret)  // `let t = deploy-token web` keeps it; printing shows it masked
})

let script = """
    doc add plan --owner me
    let token = deploy-token web
    expect allow check $token GET /documents/plan
    expect deny:missing_grant check $token POST /documents/plan/trash
    key list
    """
let outcome = await interpreter.run(SourceFile(name: "deploy.ks", text: script))
print(output.text, terminator: "")
print("outcome: \(outcome), failed expectations: \(interpreter.failedExpectations)")

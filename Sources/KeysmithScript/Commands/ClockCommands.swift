import KeysmithCore

/// `clock`, `clock set INSTANT`, `clock advance DURATION`.
enum ClockCommands {
    static var all: [CommandSpec] { [show, set, advance] }

    static let show = CommandSpec("clock", summary: "shows the session's clock") { call in
        let now = call.interpreter.clock.now()
        call.output.line(now.description)
        return .string(now.description)
    }

    static let set = CommandSpec(
        "clock set", summary: "sets the session's clock to an instant (forward or back)",
        parameters: [Parameter("INSTANT", .instant)],
        details: "INSTANT is RFC 3339 (2026-01-01T00:00:00Z) or a date (2026-01-31 = that day at 00:00:00Z)."
    ) { call in
        let text = try call.text("INSTANT")
        guard let instant = Instant(parsing: text) else {
            throw call.usageError("bad instant \"\(text)\": use RFC 3339 like 2026-01-31T00:00:00Z or a date like 2026-01-31",
                                  at: call.argument("INSTANT")?.location)
        }
        call.interpreter.clock.set(instant)
        call.output.line("clock set to \(instant)")
        return .string(instant.description)
    }

    static let advance = CommandSpec(
        "clock advance", summary: "moves the session's clock forward",
        parameters: [Parameter("DURATION", .duration)],
        details: "DURATION: 90s, 15m, 12h, 30d, 2w, or combined like 1d12h. Always forward."
    ) { call in
        let text = try call.text("DURATION")
        guard let duration = KeyDuration(parsing: text) else {
            throw call.usageError("bad duration \"\(text)\": use a positive number with a unit s, m, h, d or w, like 90s, 30d or 1d12h",
                                  at: call.argument("DURATION")?.location)
        }
        call.interpreter.clock.advance(by: duration)
        let now = call.interpreter.clock.now()
        call.output.line("clock advanced \(text) to \(now)")
        return .string(now.description)
    }
}

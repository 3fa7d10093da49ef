import KeysmithCore

/// `clock`, `clock set INSTANT`, `clock advance DURATION`: the session's clock, which never
/// goes back past the store's latest instant (Docs: The key model, Time).
enum ClockCommands {
    static var all: [CommandSpec] { [show, set, advance] }

    static let show = CommandSpec(named: "clock", summary: "shows the session's clock") { _ in
        return .async { call in
            let now = try await call.interpreter.service.now()
            if let ahead = call.interpreter.clock.aheadOfRealTime {
                call.output.line("\(now) (store clock is \(ahead.roughDescription) ahead of real time)")
            } else {
                call.output.line(now.description)
            }
            return .string(now.description)
        }
    }

    static let set = CommandSpec(
        named: "clock set", summary: "sets the session's clock to an instant (never before the store's latest instant)",
        parameters: [Parameter("INSTANT", .instant)],
        details: """
            INSTANT is RFC 3339 (2026-01-01T00:00:00Z) or a date (2026-01-31 = that day at 00:00:00Z). \
            Time only moves forward per store: an instant before the latest one the store has seen \
            is refused (a fresh store has none yet, so a script may begin anywhere).
            """
    ) { args in
        let instantSlot = try args.parameter("INSTANT")
        return .async { call in
            let text = try call.text(instantSlot)
            let instant: Instant
            do throws(KeysmithError) {
                instant = try Instant(validating: text)
            } catch {
                throw call.usageError(error.description, at: call[instantSlot]?.location)
            }
            try await call.interpreter.service.setClock(to: instant)
            call.output.line("clock set to \(instant)")
            return .string(instant.description)
        }
    }

    static let advance = CommandSpec(
        named: "clock advance", summary: "moves the session's clock forward",
        parameters: [Parameter("DURATION", .duration)],
        details: "DURATION: 90s, 15m, 12h, 30d, 2w, or combined like 1d12h. Always forward."
    ) { args in
        let durationSlot = try args.parameter("DURATION")
        return .async { call in
            let text = try call.text(durationSlot)
            let duration: KeyDuration
            do throws(KeysmithError) {
                duration = try KeyDuration(validating: text)
            } catch {
                throw call.usageError(error.description, at: call[durationSlot]?.location)
            }
            let now = try await call.interpreter.service.advanceClock(by: duration)
            call.output.line("clock advanced \(text) to \(now)")
            return .string(now.description)
        }
    }
}

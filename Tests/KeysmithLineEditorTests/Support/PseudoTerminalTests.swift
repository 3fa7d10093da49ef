import KeysmithTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct PseudoTerminalTests {
    @Test func childReadsWhatIsSentAndItsOutputComesBack() throws {
        let terminal = try PseudoTerminal(["/bin/sh", "-c", "read x; echo got:$x"])
        try terminal.send("hello\r")
        let output = try terminal.readUntil("got:hello", timeout: .seconds(10))
        #expect(output.contains("hello"))
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func childHasTheTerminalAsControllingTerminalWithItsSize() throws {
        let terminal = try PseudoTerminal(
            ["/bin/sh", "-c", "test -t 0 && stty size && echo term=$TERM home=$HOME"],
            environment: ["HOME": "/tmp/nowhere"], columns: 80, rows: 24)
        let output = PseudoTerminal.strippingEscapes(try terminal.readUntil("home=/tmp/nowhere"))
        #expect(output.contains("24 80"))
        #expect(output.contains("term=xterm"))
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func controlCInterruptsTheForegroundProgram() throws {
        let terminal = try PseudoTerminal(["/bin/cat"])
        try terminal.send("echo\r")
        _ = try terminal.readUntil("echo\r\necho")
        try terminal.send("\u{3}")
        #expect(try terminal.waitForExit() == 128 + SIGINT)
    }

    @Test func controlDEndsInput() throws {
        let terminal = try PseudoTerminal(["/bin/cat"])
        try terminal.send("\u{4}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func killEndsTheChildAndTheStatusSaysBySignal() throws {
        let terminal = try PseudoTerminal(["/bin/sh", "-c", "sleep 30"])
        terminal.kill(SIGTERM)
        #expect(try terminal.waitForExit() == 128 + SIGTERM)
    }

    @Test func waitingForTextThatNeverComesTimesOutWithWhatWasSeen() throws {
        let terminal = try PseudoTerminal(["/bin/sh", "-c", "echo partial; sleep 30"])
        #expect(throws: PseudoTerminal.Failure.self) {
            _ = try terminal.readUntil("never", timeout: .milliseconds(300))
        }
        terminal.kill(SIGKILL)
        _ = try terminal.waitForExit()
    }

    @Test func escapesAreStripped() {
        #expect(PseudoTerminal.strippingEscapes("\u{1B}[1mdemo>\u{1B}[0m x\r\n\u{7}") == "demo> x\n")
    }
}

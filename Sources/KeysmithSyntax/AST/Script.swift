/// A parsed KeyScript program, or the body of a `{ ... }` block: commands in
/// source order, ready to run as many times as needed without re-lexing.
package struct Script: Hashable, Sendable {
    package let commands: [Command]

    package init(commands: [Command]) {
        self.commands = commands
    }
}

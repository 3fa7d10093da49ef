/// A parsed KeyScript program, or the body of a `{ ... }` block: commands in
/// source order, ready to run as many times as needed without re-lexing.
public struct Script: Hashable, Sendable {
    public let commands: [Command]

    public init(commands: [Command]) {
        self.commands = commands
    }
}

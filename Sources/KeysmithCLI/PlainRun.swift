/// `keysmith run FILE` and nothing else, recognised without ArgumentParser.
///
/// ArgumentParser finds a command's arguments by reflecting its type (`Mirror`) and casting
/// each property wrapper to its protocols; each first cast of a type searches every protocol
/// conformance of the static binary, which made parsing `run` most of keysmith's start-up.
/// The plainest invocation, the one a suite runs hundreds of times, is read here and run as
/// ``Run`` runs it; every other shape of command line (an option, `--`, `-h`, a second
/// argument, a subcommand) goes to ArgumentParser, so help, errors and options stay its own.
/// `PlainRunTests` holds `run FILE` here to `run -- FILE` through ArgumentParser: the same
/// output, errors and exit status.
enum PlainRun {
    /// The script `arguments` (the program's, without its name) run, when they are exactly
    /// `run FILE` with `FILE` `-` or a name that cannot read as an option or a request for
    /// help; nil otherwise.
    static func file(in arguments: [String]) -> String? {
        guard arguments.count == 2, arguments[0] == "run" else { return nil }
        let file = arguments[1]
        guard file == "-" || (!file.isEmpty && !file.hasPrefix("-") && file != "help") else { return nil }
        return file
    }
}

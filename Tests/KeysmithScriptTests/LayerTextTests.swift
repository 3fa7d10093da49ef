import Foundation
import KeysmithScript
import KeysmithTestSupport
import Testing

/// The layers of DESIGN §7, in text as in code: the model, the stores and the HTTP middleware
/// say what they do in their own terms, never in the words of a layer above them. Every line of
/// their Swift files, code or comment, and of the articles of their DocC catalogs, is read for a
/// KeyScript command written as a command, an option a command or the CLI declares, or a program
/// or part above them (`keysmith serve`, the REPL); a finding names its file and line.
@Suite struct LayerTextTests {
    /// The package root.
    static let root = SourceTree.root

    /// The targets below the interpreter, the HTTP application and the front ends.
    static let lowerLayers = [
        "KeysmithCore", "KeysmithPlatform", "KeysmithStore", "Keysmith", "KeysmithSQLite", "KeysmithPostgres", "KeysmithHTTP",
    ]

    /// A line of a lower layer and what it names.
    struct Finding: CustomStringConvertible {
        let file: String
        let line: Int
        let names: String
        let text: String
        var description: String { "\(file):\(line): names \(names): \(text.trimmingCharacters(in: .whitespaces))" }
    }

    @Test func lowerLayersNameNoCommandFlagOrProgramAbove() throws {
        let vocabulary = Vocabulary(registry: .standard, cliSources: Self.swiftFiles(under: "Sources/KeysmithCLI"))
        #expect(vocabulary.flags.contains("as-admin"), "the check command's option is known")
        #expect(vocabulary.flags.contains("store") && vocabulary.flags.contains("memory"), "the CLI's options are read")
        #expect(vocabulary.pairs.contains("clock advance"))
        var findings: [Finding] = []
        var files = 0
        for layer in Self.lowerLayers {
            for (path, text) in Self.swiftFiles(under: "Sources/\(layer)") {
                files += 1
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    for name in vocabulary.names(in: String(line)) {
                        findings.append(Finding(file: path, line: index + 1, names: name, text: String(line)))
                    }
                }
            }
        }
        #expect(files > 50, "the lower layers' sources were found under \(Self.root)")
        #expect(findings.isEmpty, "\(findings.count) lines name a higher layer:\n\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func lowerLayersArticlesNameNoCommandFlagOrProgramAbove() throws {
        let vocabulary = Vocabulary(registry: .standard, cliSources: Self.swiftFiles(under: "Sources/KeysmithCLI"))
        var findings: [Finding] = []
        var files = 0
        for layer in Self.lowerLayers {
            for (path, text) in Self.files(under: "Sources/\(layer)", ending: ".md") where path.contains(".docc/") {
                files += 1
                for (number, line) in Self.articleLines(text) {
                    for name in vocabulary.names(in: line) {
                        findings.append(Finding(file: path, line: number, names: name, text: line))
                    }
                }
            }
        }
        #expect(files >= 7, "the lower layers' articles were found under \(Self.root)")
        let listed = findings.map(\.description).joined(separator: "\n")
        let lines = Set(findings.map { "\($0.file):\($0.line)" }).count
        #expect(findings.isEmpty, "\(lines) article lines name a higher layer (\(findings.count) names):\n\(listed)")
    }

    /// The lines of an article that are its own text, with their 1-based numbers: every line but
    /// those of a ```swift block, which DocumentedCodeTests holds to be whole lines of a program
    /// under Tests/Examples (a program above every layer, free to name any of them).
    static func articleLines(_ text: String) -> [(number: Int, text: String)] {
        var lines: [(number: Int, text: String)] = []
        var inSwift = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inSwift = !inSwift && trimmed == "```swift"
                continue
            }
            if !inSwift { lines.append((index + 1, String(line))) }
        }
        return lines
    }

    @Test func anArticlesSwiftBlockIsNotRead() {
        let article = [
            "Moves the clock.", "```swift", "// as `key create` shows it", "```", "As `key create` shows it.", "```text",
            "keysmith serve", "```",
        ].joined(separator: "\n")
        #expect(Self.articleLines(article).map(\.number) == [1, 5, 7])
    }

    @Test(arguments: [
        ("/// Moves the session clock (`clock advance 5s`).", "`clock advance 5s`"),
        ("// after clock set, the store", "clock set"),
        ("/// as `check <secret> GET /x` shows", "`check <secret> GET /x`"),
        ("/// until `as NAME`", "`as NAME`"),
        ("/// as endpoint list shows it", "endpoint list"),
        ("/// admin mode (`check --as-admin`)", "`check --as-admin`"),
        ("/// a path typed after --store", "--store"),
        ("/// every `keysmith serve` instance", "keysmith serve"),
        ("/// the REPL's banner", "REPL"),
        ("/// what `serve` answers", "`serve`"),
        ("/// a frozen clock (`run`, `test`)", "`run`"),
        ("/// the CLI exits 2", "CLI"),
        ("/// shared with the interpreter", "interpreter"),
    ])
    func eachKindIsFound(_ line: String, _ name: String) {
        let vocabulary = Vocabulary(registry: .standard, cliSources: Self.swiftFiles(under: "Sources/KeysmithCLI"))
        #expect(vocabulary.names(in: line).contains(name))
    }

    @Test(arguments: [
        "/// Decides whether `secret` may call `method path`: see `check(secret:method:path:mode:)`.",
        "/// The session clock; set by whoever owns the service.",
        "    try await store.runCheck(request, clock: clock)",
        "/// Keys that are --not-an-option here, and `--` alone.",
        "-- SQL comment in a query string",
        "/// A key's grants, the account's users and the store's catalog.",
        "/// Tests run each scenario on a fresh schema; CLIENT and REPLY are not ours.",
        "/// Adds an endpoint; its grants join the grant list.",
        "/// The clock set back before a time the store has already seen.",
        "/// description (the endpoint list kept as test data)",
    ])
    func ordinaryTextIsNotFound(_ line: String) {
        let vocabulary = Vocabulary(registry: .standard, cliSources: Self.swiftFiles(under: "Sources/KeysmithCLI"))
        #expect(vocabulary.names(in: line).isEmpty)
    }

    /// Every Swift file under `directory` (relative to the root), with its text, sorted by path.
    static func swiftFiles(under directory: String) -> [(path: String, text: String)] {
        files(under: directory, ending: ".swift")
    }

    /// Every file under `directory` (relative to the root) whose name ends with `suffix`, with
    /// its text, sorted by path.
    static func files(under directory: String, ending suffix: String) -> [(path: String, text: String)] {
        let base = root + "/" + directory
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [(path: String, text: String)] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(suffix), let data = FileManager.default.contents(atPath: base + "/" + relative) else { continue }
            files.append((directory + "/" + relative, String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// The words of the layers above the model and the stores, and where a line uses them.
struct Vocabulary {
    /// Group-and-subcommand names (`clock advance`), found as words but not after a determiner.
    let pairs: [String]
    /// Every command name; found written as a command: at the start of a backticked span and
    /// followed by arguments (`` `check <secret> GET /x` ``), or alone for a pair.
    let commands: Set<String>
    /// Option names without dashes, of every standard command and of the CLI.
    let flags: Set<String>
    /// The programs and parts above, found as words: the executable's subcommands (alone only
    /// in backticks, since `run` and `test` are English too), the REPL, the CLI, the interpreter.
    static let programs = [
        "keysmith serve", "keysmith run", "keysmith test", "keysmith repl", "`serve`", "`run`", "`test`", "`repl`",
        "REPL", "CLI", "interpreter",
    ]

    init(registry: CommandRegistry, cliSources: [(path: String, text: String)]) {
        pairs = registry.names.filter { $0.contains(" ") }
        commands = Set(registry.names)
        var flags = Set(registry.names.flatMap { registry.commands[$0]?.options.map(\.name) ?? [] })
        for (_, text) in cliSources { flags.formUnion(Self.cliOptions(in: text)) }
        self.flags = flags
    }

    /// What `line` names of the layers above, each as written.
    func names(in line: String) -> [String] {
        var found: [String] = []
        for pair in pairs where Self.hasCommandPair(pair, in: line) { found.append(pair) }
        for span in Self.backtickedSpans(in: line) {
            let words = span.split(separator: " ", maxSplits: 1)
            guard let first = words.first, words.count == 2, commands.contains(String(first)) else { continue }
            // `check <secret> GET /x`, `repeat 301 { … }`, `check --as-admin`: the command and its arguments.
            found.append("`\(span)`")
        }
        for flag in Self.dashedWords(in: line) where flags.contains(flag) { found.append("--" + flag) }
        for program in Self.programs where Self.hasWord(program, in: line) { found.append(program) }
        return found
    }

    /// Whether `word` occurs in `line` with no letter, digit, `_` or `-` right before or after it.
    static func hasWord(_ word: String, in line: String) -> Bool {
        !wordRanges(of: word, in: line).isEmpty
    }

    /// Whether the pair `group sub` occurs in `line` as a command: as a word, and not after a
    /// determiner, where it is English (the grant list, a grant list, the clock set back).
    static func hasCommandPair(_ pair: String, in line: String) -> Bool {
        wordRanges(of: pair, in: line).contains { range in
            let previous = line[..<range.lowerBound].split(separator: " ").last.map { $0.filter(\.isLetter).lowercased() } ?? ""
            return !determiners.contains(previous)
        }
    }

    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "this", "that", "each", "every", "one"]

    /// Where `word` occurs in `line` with no letter, digit, `_` or `-` right before or after it.
    static func wordRanges(of word: String, in line: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var rest = line[...]
        while let range = rest.range(of: word) {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
            if !isWordCharacter(before), !isWordCharacter(after) { ranges.append(range) }
            rest = line[range.upperBound...]
        }
        return ranges
    }

    static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    /// The text between each pair of backticks.
    static func backtickedSpans(in line: String) -> [String] {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }

    /// The `x-y` of each `--x-y` that follows no letter, digit or dash.
    static func dashedWords(in line: String) -> [String] {
        var words: [String] = []
        var rest = line[...]
        while let range = rest.range(of: "--") {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !isWordCharacter(before), let first = name.first, first.isLetter { words.append(String(name)) }
            rest = line[range.upperBound...]
        }
        return words
    }

    /// The long names of the `@Option`s and `@Flag`s an argument-parser source declares: a
    /// `.customLong("name")`, or the property's name in kebab case, and `no-name` for an inversion.
    static func cliOptions(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let attribute = rest.firstRange(of: /@(Option|Flag)\b(?!Group)/) {
            rest = rest[attribute.upperBound...]
            guard let variable = rest.firstMatch(of: /\bvar\s+(\w+)/) else { break }
            let declaration = rest[..<variable.range.lowerBound]
            let name: String
            if let custom = declaration.firstMatch(of: /\.customLong\("([^"]+)"/) {
                name = String(custom.1)
            } else {
                name = String(variable.1).reduce(into: "") { kebab, character in
                    if character.isUppercase { kebab += "-" + character.lowercased() } else { kebab.append(character) }
                }
            }
            names.append(name)
            if declaration.contains(".prefixedNo") { names.append("no-" + name) }
            rest = rest[variable.range.upperBound...]
        }
        return names
    }
}

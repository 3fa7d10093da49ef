import KeysmithCore
import KeysmithLineEditor
import KeysmithScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tab completion for KeyScript, driven by the command registry (names, subcommands,
/// options and argument kinds) and a ``CompletionSnapshot`` of the live session.
/// Pure apart from file-name completion, so it is tested without a terminal.
package struct Completer {
    package let registry: CommandRegistry
    package var snapshot: CompletionSnapshot

    package init(registry: CommandRegistry, snapshot: CompletionSnapshot) {
        self.registry = registry
        self.snapshot = snapshot
    }

    /// Candidates for the word before the cursor, and how many characters they replace.
    package func complete(_ lineBeforeCursor: String) -> CompletionResult {
        // Only the command being typed matters: the text after the last `;` or block-opening
        // `{` (one where a word begins: the brace of `/documents/{id}` opens nothing).
        var segment = Substring(lineBeforeCursor)
        let opensBlock = { (i: Substring.Index) -> Bool in
            i == segment.startIndex || segment[segment.index(before: i)] == " " || segment[segment.index(before: i)] == "\t"
        }
        if let cut = segment.indices.last(where: { segment[$0] == ";" || (segment[$0] == "{" && opensBlock($0)) }) {
            segment = segment[segment.index(after: cut)...]
        }
        if segment.filter({ $0 == "\"" }).count % 2 == 1 { return .none }  // inside a quote
        let words = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let endsInBlank = segment.last.map { $0 == " " || $0 == "\t" } ?? true
        let partial = endsInBlank ? "" : (words.last ?? "")
        if partial.hasPrefix("$") { return variables(partial) }
        return complete(words: endsInBlank ? words[...] : words.dropLast(), partial: partial)
    }

    /// Completes `partial` after the finished `words` of one command, reading everything from
    /// the registry: a command's subcommands, options and the kind of each argument. A
    /// parameter of kind `.command` (`let NAME = COMMAND`, `expect OUTCOME COMMAND`) starts a
    /// command of its own, completed the same way; a `.block` parameter completes nothing.
    private func complete(words: ArraySlice<String>, partial: String) -> CompletionResult {
        guard let first = words.first else { return match(registry.firstWords, partial) }
        // A group's subcommands; `clock` is also a command, but one without arguments.
        if words.count == 1, !registry.subcommands(of: first).isEmpty, registry.commands[first]?.parameters.isEmpty ?? true {
            return match(registry.subcommands(of: first), partial)
        }
        let spec: CommandSpec
        var arguments: ArraySlice<String>
        if words.count >= 2, let s = registry.commands["\(first) \(words[words.startIndex + 1])"] {
            spec = s
            arguments = words.dropFirst(2)
        } else if let s = registry.commands[first] {
            spec = s
            arguments = words.dropFirst()
        } else {
            return .none
        }
        // Walk the arguments: an option waiting for its value, or the next positional.
        var positional = 0
        var pendingOption: OptionSpec?
        var used: Set<String> = []
        var previous: [String] = []
        while let word = arguments.first {
            if pendingOption != nil {
                pendingOption = nil
                arguments.removeFirst()
                continue
            }
            if word.hasPrefix("--"), let option = spec.options.first(where: { "--" + $0.name == word }) {
                used.insert(option.name)
                if !option.isFlag { pendingOption = option }
                arguments.removeFirst()
                continue
            }
            if positional < spec.parameters.count {
                switch spec.parameters[positional].kind {
                case .command: return complete(words: arguments, partial: partial)
                case .block: return .none
                default: break
                }
            }
            previous.append(word)
            positional += 1
            arguments.removeFirst()
        }
        if let option = pendingOption { return values(for: option.kind, partial, previous: previous) }
        let optionNames = spec.options.filter { !used.contains($0.name) }.map { "--" + $0.name }
        if partial.hasPrefix("-") { return match(optionNames, partial) }
        let parameter =
            positional < spec.parameters.count
            ? spec.parameters[positional]
            : spec.parameters.last.flatMap { $0.isVariadic ? $0 : nil }
        if let parameter {
            if parameter.kind == .command { return match(registry.firstWords, partial) }
            if case .variableName = parameter.kind { return .none }  // a new variable's name
            let found = values(for: parameter.kind, partial, previous: previous)
            if !found.candidates.isEmpty || !parameter.isOptional {
                return found.candidates.isEmpty && partial.isEmpty ? match(optionNames, partial) : found
            }
        }
        return match(optionNames, partial)
    }

    private var outcomes: [String] { ["ok", "error", "allow", "deny"] + DenyReason.allCases.map { "deny:\($0.rawValue)" } }

    private func values(for kind: ArgumentKind, _ partial: String, previous: [String]) -> CompletionResult {
        switch kind {
        case .grants:
            // After a comma, complete the next grant and leave the earlier ones alone.
            let done = partial.split(separator: ",").dropLast(partial.hasSuffix(",") ? 0 : 1).map(String.init)
            let current = partial.hasSuffix(",") ? "" : String(partial.split(separator: ",").last ?? "")
            var result = match(snapshot.grants.filter { !done.contains($0) }, current)
            result.appendsSpace = false
            return result
        case .expiration: return match(["never", "1h", "1d", "7d", "30d", "90d", "1w", "2w"], partial)
        case .duration: return match(["1s", "1m", "1h", "1d", "1w", "30d"], partial)
        case .shareRole: return match(["view", "edit"], partial)
        case .resourceKind: return match(["doc", "folder"], partial)
        case .keyID: return match(snapshot.keyIDs, partial)
        case .userName: return match(snapshot.users, partial)
        case .documentID:
            // `share doc|folder ID`: the kind word before decides.
            if previous.last == "folder" { return match(snapshot.folders, partial) }
            if previous.last == "doc" || previous.last == "document" { return match(snapshot.documents, partial) }
            return .none
        case .folderID: return .none
        case .method: return match(Catalog.methods, partial)
        case .path:
            let method = previous.last?.uppercased() ?? ""
            let templates = snapshot.paths[method] ?? snapshot.paths.values.flatMap { $0 }
            return match(Array(Set(templates.flatMap(concretePaths(for:)))).sorted(), partial)
        case .secret: return match(snapshot.secretReferences, partial)
        case .file: return files(partial)
        case .outcome: return match(outcomes, partial)
        case .accessRule: return match(["none", "admin"], partial)
        case .choice(let words): return match(words, partial)
        case .rateLimit: return match(["10/1s", "100/1m", "300/5s", "1000/1h"], partial)
        case .keyword(let word): return match([word], partial)
        case .text, .keyName, .instant, .count, .variableName, .block, .command: return .none
        }
    }

    /// A path template and, for one that starts with a document or folder parameter
    /// (`/documents/{id}…`, `/documents/{documentId}…`, `/folders/{id}…`), the same path for
    /// each document or folder the session knows, so Tab can finish a real request.
    private func concretePaths(for template: String) -> [String] {
        for (parent, ids) in [("/documents/", snapshot.documents), ("/folders/", snapshot.folders)]
        where template.hasPrefix(parent + "{") {
            let afterParent = template.dropFirst(parent.count)
            guard let close = afterParent.firstIndex(of: "}") else { break }
            let rest = afterParent[afterParent.index(after: close)...]
            return [template] + ids.prefix(50).map { parent + $0 + rest }
        }
        return [template]
    }

    private func variables(_ partial: String) -> CompletionResult {
        let body = partial.dropFirst()
        if let dot = body.firstIndex(of: ".") {
            let name = String(body[..<dot])
            let fields = snapshot.variables[name] ?? []
            return match(fields.map { "$\(name).\($0)" }, partial)
        }
        return match(snapshot.variables.keys.sorted().map { "$" + $0 }, partial)
    }

    private func match(_ candidates: [String], _ partial: String) -> CompletionResult {
        CompletionResult(candidates: candidates.filter { $0.hasPrefix(partial) }, replacing: partial.count)
    }

    /// File and directory names for `source` and `record`; directories end in `/`.
    private func files(_ partial: String) -> CompletionResult {
        let slash = partial.lastIndex(of: "/")
        let directory = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        guard let dir = opendir(directory.isEmpty ? "." : directory) else { return .none }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name.hasPrefix(prefix), name != ".", name != "..", !(name.hasPrefix(".") && !prefix.hasPrefix(".")) else { continue }
            var info = stat()
            let isDirectory = stat(directory + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            guard isDirectory || name.hasSuffix(".ks") else { continue }
            names.append(directory + name + (isDirectory ? "/" : ""))
        }
        return CompletionResult(candidates: names.sorted(), replacing: partial.count)
    }
}

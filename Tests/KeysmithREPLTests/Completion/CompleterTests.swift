import KeysmithCore
import KeysmithLineEditor
import KeysmithREPL
import KeysmithScript
import KeysmithStore
import KeysmithTestSupport
import Testing

/// Tab completion without a terminal: the standard registry (plus `record`) and a hand-built
/// snapshot of a session with two keys, three users, documents, a folder and two variables.
@Suite struct CompleterTests {
    static let snapshot: CompletionSnapshot = {
        var snapshot = CompletionSnapshot()
        snapshot.keyIDs = ["key_0a1b2c3d", "key_0a9z8y7x", "key_5f5f5f5f"]
        snapshot.users = ["me", "alice", "bob"]
        snapshot.documents = ["d1", "d2", "plan"]
        snapshot.folders = ["f1", "team"]
        snapshot.paths = [
            "GET": ["/users/me/profile", "/documents/{id}", "/folders/{id}"],
            "POST": ["/documents", "/folders"],
        ]
        snapshot.variables = ["k": ["id", "name", "secret", "expires", "grants"], "n": [], "key2": ["id", "secret"]]
        snapshot.secretReferences = ["$k.secret", "$key2.secret"]
        return snapshot
    }()

    static var completer: Completer {
        var registry = CommandRegistry.standard
        registry.register(Recorder().command)
        return Completer(registry: registry, snapshot: snapshot)
    }

    static func complete(_ line: String) -> CompletionResult { completer.complete(line) }

    /// One row of the table: what is typed, and what Tab offers for it.
    struct Case: CustomTestStringConvertible, Sendable {
        let typed: String
        let candidates: [String]
        let replacing: Int
        var testDescription: String { typed.debugDescription }

        init(_ typed: String, _ candidates: [String], replacing: Int? = nil) {
            self.typed = typed
            self.candidates = candidates
            // By default the candidates replace the last word typed.
            self.replacing = replacing ?? (typed.last == " " ? 0 : typed.split(separator: " ").last.map(\.count) ?? 0)
        }
    }

    // MARK: Command names, subcommands, options

    @Test func firstWordCompletesToACommandName() {
        #expect(Self.complete("ke") == CompletionResult(candidates: ["key"], replacing: 2))
    }

    @Test func emptyLineOffersEveryFirstWordIncludingRecord() {
        let result = Self.complete("")
        for word in ["key", "check", "clock", "user", "as", "share", "record", "source", "let", "expect", "repeat", "help"] {
            #expect(result.candidates.contains(word), "\(word) missing from \(result.candidates)")
        }
        #expect(!result.candidates.contains("create"))
        #expect(result.replacing == 0)
    }

    @Test func unknownFirstWordOffersNothing() {
        #expect(Self.complete("zz").candidates.isEmpty)
        #expect(Self.complete("frobnicate ").candidates.isEmpty)
    }

    @Test(arguments: [
        Case("key cr", ["create"]),
        Case("key ", ["create", "delete", "extend", "list", "regrant", "rename", "roll", "show"]),
        Case("key re", ["regrant", "rename"]),
        Case("user ", ["add", "list"]),
        Case("grant l", ["list"]),
        Case("endpoint ", ["add", "limit", "list"]),
    ])
    func groupWordCompletesItsSubcommands(_ row: Case) {
        #expect(Self.complete(row.typed) == CompletionResult(candidates: row.candidates, replacing: row.replacing))
    }

    /// `clock` is both a command and a group (`clock set`, `clock advance`); its subcommands
    /// must still complete.
    @Test func clockSubcommandsCompleteAlthoughClockIsACommandToo() {
        #expect(Self.complete("clock a") == CompletionResult(candidates: ["advance"], replacing: 1))
        #expect(Self.complete("clock ").candidates == ["advance", "set"])
    }

    /// The key-life commands are found by Tab: `account api-keys`, its `on|off`, `key roll` with
    /// `--grace`, `key list --expiring`, `endpoint limit` with `--per` and its three values.
    @Test func keyLifeCommandsOptionsAndValuesComplete() {
        #expect(Self.complete("account ").candidates == ["api-keys"])
        #expect(Self.complete("account api-keys ").candidates == ["on", "off"])
        #expect(Self.complete("account api-keys o").candidates == ["on", "off"])
        #expect(Self.complete("key roll key_x --").candidates == ["--grace"])
        #expect(Self.complete("key list --").candidates == ["--expiring"])
        #expect(Self.complete("endpoint limit GET /documents/{id} 10/1s --").candidates == ["--per", "--off"])
        #expect(Self.complete("endpoint limit GET /documents/{id} 10/1s --per ").candidates == ["account", "user", "key"])
        #expect(Self.complete("endpoint limit GET /documents/{id} 10/1s --per u").candidates == ["user"])
    }

    @Test func optionCompletesFromItsPrefix() {
        #expect(Self.complete("key create ci --ex") == CompletionResult(candidates: ["--expires"], replacing: 4))
        #expect(Self.complete("key create ci --") == CompletionResult(candidates: ["--expires", "--grants"], replacing: 2))
    }

    @Test func usedOptionIsNotOfferedAgain() {
        #expect(Self.complete("key create ci --expires 30d --").candidates == ["--grants"])
        #expect(Self.complete("key create ci --grants User --").candidates == ["--expires"])
        #expect(Self.complete("key create ci --expires 30d --grants User --").candidates.isEmpty)
        #expect(Self.complete("key create ci --expires 30d ").candidates == ["--grants"])
    }

    @Test func afterTheNameOfKeyCreateTheRequiredOptionsAreOffered() {
        #expect(Self.complete("key create ").candidates == ["--expires", "--grants"])
    }

    // MARK: Option values

    @Test func grantNamesCompleteAfterGrantsWithoutAFollowingSpace() {
        let result = Self.complete("key create ci --expires 30d --grants DocumentR")
        #expect(result.candidates == ["DocumentReadonly"])
        #expect(result.replacing == 9)
        #expect(result.appendsSpace == false)
        #expect(Self.complete("key create ci --grants Doc").candidates == ["DocumentReadonly", "DocumentEdit", "DocumentAdmin"])
    }

    @Test func grantNameAfterACommaCompletesOnlyTheItemBeingTyped() {
        let result = Self.complete("key create ci --grants DocumentReadonly,Fo")
        #expect(result.candidates == ["FolderReadonly", "FolderEdit", "FolderAdmin"])
        #expect(result.replacing == 2)
        #expect(result.appendsSpace == false)
    }

    @Test func grantsAlreadyInTheListAreNotOfferedAgain() {
        let result = Self.complete("key create ci --grants DocumentReadonly,FolderEdit,")
        #expect(result.replacing == 0)
        #expect(!result.candidates.contains("DocumentReadonly"))
        #expect(!result.candidates.contains("FolderEdit"))
        #expect(result.candidates.contains("FolderReadonly"))
        #expect(result.candidates.count == Catalog.lucid.grantNames.count - 2)
    }

    @Test func grantsOfEndpointAddCompleteToo() {
        #expect(Self.complete("endpoint add GET /reports --grants Us").candidates == ["User"])
    }

    @Test func expiresOffersNeverAndDurations() {
        let all = Self.complete("key create ci --expires ")
        #expect(all.candidates.first == "never")
        #expect(all.candidates.contains("30d"))
        #expect(all.candidates.contains("1h"))
        #expect(Self.complete("key create ci --expires n") == CompletionResult(candidates: ["never"], replacing: 1))
        #expect(Self.complete("key create ci --expires 3").candidates == ["30d"])
    }

    @Test func roleOffersViewAndEdit() {
        #expect(Self.complete("share doc d1 bob --role ").candidates == ["view", "edit"])
        #expect(Self.complete("share doc d1 bob --role e") == CompletionResult(candidates: ["edit"], replacing: 1))
    }

    @Test func durationsCompleteAfterClockAdvance() {
        #expect(Self.complete("clock advance 3").candidates == ["30d"])
    }

    // MARK: Live state: keys, users, resources

    @Test(arguments: ["key show", "key rename", "key delete"])
    func keyIDsCompleteAfterKeyCommandsThatTakeOne(_ command: String) {
        #expect(Self.complete(command + " ").candidates == Self.snapshot.keyIDs)
        #expect(
            Self.complete(command + " key_0a")
                == CompletionResult(
                    candidates: ["key_0a1b2c3d", "key_0a9z8y7x"], replacing: 6))
    }

    @Test func keyRenameOffersNoKeyIDForTheNewName() {
        #expect(Self.complete("key rename key_0a1b2c3d ").candidates.isEmpty)
    }

    @Test func userNamesCompleteAfterAs() {
        #expect(Self.complete("as ").candidates == ["me", "alice", "bob"])
        #expect(Self.complete("as a") == CompletionResult(candidates: ["alice"], replacing: 1))
    }

    @Test func userNamesCompleteAfterOwner() {
        #expect(Self.complete("doc add d3 --owner b") == CompletionResult(candidates: ["bob"], replacing: 1))
        #expect(Self.complete("folder add f2 --owner ").candidates == ["me", "alice", "bob"])
    }

    @Test func shareCompletesKindThenTheMatchingResourceIDsThenUsers() {
        #expect(Self.complete("share ").candidates == ["doc", "folder"])
        #expect(Self.complete("share doc ").candidates == ["d1", "d2", "plan"])
        #expect(Self.complete("share doc p") == CompletionResult(candidates: ["plan"], replacing: 1))
        #expect(Self.complete("share folder ").candidates == ["f1", "team"])
        #expect(Self.complete("share folder t") == CompletionResult(candidates: ["team"], replacing: 1))
        #expect(Self.complete("share doc d1 a").candidates == ["alice"])
    }

    // MARK: Variables

    @Test func variablesCompleteAfterADollar() {
        #expect(Self.complete("echo $") == CompletionResult(candidates: ["$k", "$key2", "$n"], replacing: 1))
        #expect(Self.complete("echo $ke") == CompletionResult(candidates: ["$key2"], replacing: 3))
    }

    @Test func fieldsOfAVariableCompleteAfterItsDot() {
        #expect(
            Self.complete("echo $k.")
                == CompletionResult(
                    candidates: ["$k.id", "$k.name", "$k.secret", "$k.expires", "$k.grants"], replacing: 3))
        #expect(Self.complete("key show $k.i") == CompletionResult(candidates: ["$k.id"], replacing: 4))
        #expect(Self.complete("echo $n.").candidates.isEmpty)
        #expect(Self.complete("echo $nothing.").candidates.isEmpty)
    }

    // MARK: check

    @Test func checkOffersSecretVariablesThenMethodsThenCatalogPaths() {
        #expect(Self.complete("check ").candidates == ["$k.secret", "$key2.secret"])
        #expect(Self.complete("check $k.secret ").candidates == Catalog.methods)
        #expect(Self.complete("check $k.secret P").candidates == ["POST", "PUT", "PATCH"])
        #expect(Self.complete("check $k.secret G") == CompletionResult(candidates: ["GET"], replacing: 1))
        #expect(
            Self.complete("check $k.secret GET /").candidates.sorted() == [
                "/documents/d1", "/documents/d2", "/documents/plan", "/documents/{id}",
                "/folders/f1", "/folders/team", "/folders/{id}", "/users/me/profile",
            ])
        #expect(Self.complete("check $k.secret GET /u") == CompletionResult(candidates: ["/users/me/profile"], replacing: 2))
        #expect(Self.complete("check $k.secret POST /").candidates == ["/documents", "/folders"])
    }

    /// Paths under `/documents/{id}` and `/folders/{id}` are offered with the session's own
    /// documents and folders filled in, sub-paths included.
    @Test func checkOffersPathsForTheSessionsDocumentsAndFolders() {
        var snapshot = Self.snapshot
        snapshot.paths = ["GET": ["/documents/{id}/contents"]]
        let completer = Completer(registry: .standard, snapshot: snapshot)
        #expect(
            completer.complete("check $k.secret GET /documents/p")
                == CompletionResult(candidates: ["/documents/plan/contents"], replacing: 12))
        #expect(completer.complete("check $k.secret GET /f").candidates.isEmpty)
    }

    /// Lucid writes some document parameters `{documentId}`; those paths are filled in too.
    @Test func checkFillsInDocumentParametersWhateverTheirName() {
        var snapshot = Self.snapshot
        snapshot.paths = ["GET": ["/documents/{documentId}/threads", "/v2/dataSources/aws/regions", "/teams/{id}"]]
        let completer = Completer(registry: .standard, snapshot: snapshot)
        #expect(completer.complete("check $k.secret GET /documents/p").candidates == ["/documents/plan/threads"])
        #expect(completer.complete("check $k.secret GET /v").candidates == ["/v2/dataSources/aws/regions"])
        #expect(completer.complete("endpoint list /t").candidates == ["/teams/{id}"])
        #expect(completer.complete("check $k.secret GET /documents/plan/threads --").candidates == ["--as-admin"])
    }

    /// A live session's snapshot holds every path of the full default catalog.
    @Test func theSnapshotOffersTheWholeDefaultCatalog() async {
        let service = KeyService(
            store: MemoryStore(), clock: ManualClock(Instant(secondsSinceEpoch: 0)),
            random: SeededRandomSource(seed: 1))
        let snapshot = await CompletionSnapshot.take(of: Interpreter(service: service, output: BufferedOutput()))
        #expect(snapshot.paths.values.map(\.count).reduce(0, +) == 154)
        #expect(snapshot.paths["POST"]?.contains("/teams/{id}/archive") == true)
        #expect(snapshot.paths["GET"]?.contains("/v2/dataSources/aws/regions") == true)
        #expect(snapshot.grants.contains("CloudEdit"))
    }

    @Test func checkWithALiteralSecretStillCompletesTheMethodAndPath() {
        let secret = "ksk_" + String(repeating: "a", count: 36)
        #expect(Self.complete("check \(secret) GE").candidates == ["GET"])
        #expect(Self.complete("check \(secret) GET /us").candidates == ["/users/me/profile"])
    }

    // MARK: Files

    @Test func sourceCompletesScriptsAndDirectoriesButNotOtherFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("setup.ks", "clock\n")
        try directory.write("second.ks", "clock\n")
        try directory.write("notes.txt", "not a script\n")
        try directory.write("setup.golden", "> clock\n")
        try directory.write(".hidden.ks", "clock\n")
        try directory.makeDirectory("scenarios")
        try directory.write("scenarios/inner.ks", "clock\n")
        let base = directory.path + "/"

        let all = Self.complete("source " + base)
        #expect(all.candidates == [base + "scenarios/", base + "second.ks", base + "setup.ks"])
        #expect(all.replacing == base.count)
        #expect(Self.complete("source " + base + "se").candidates == [base + "second.ks", base + "setup.ks"])
        #expect(Self.complete("source " + base + "sc").candidates == [base + "scenarios/"])
        #expect(Self.complete("source " + base + "scenarios/").candidates == [base + "scenarios/inner.ks"])
        #expect(Self.complete("source " + base + ".h").candidates == [base + ".hidden.ks"])
        #expect(Self.complete("source " + base + "nothing").candidates.isEmpty)
    }

    @Test func recordCompletesFilesLikeSource() throws {
        let directory = try TemporaryDirectory()
        try directory.write("walkthrough.ks", "clock\n")
        #expect(Self.complete("record " + directory.path + "/w").candidates == [directory.path + "/walkthrough.ks"])
    }

    // MARK: Inside other commands

    @Test(arguments: [
        Case("let x = ke", ["key"]),
        Case("let x = key cr", ["create"]),
        Case("let x = key create ci --ex", ["--expires"]),
        Case("let k2 = check $k.secret GET /u", ["/users/me/profile"]),
        Case("let x ", ["="]),
        Case("expect allow check $k.secret GET /u", ["/users/me/profile"]),
        Case("expect error key sh", ["show"]),
        Case("expect ok key show key_5", ["key_5f5f5f5f"]),
        Case("expect deny:m", ["deny:missing_grant"]),
        Case("let x = expect ok ke", ["key"]),
    ])
    func completionReachesTheCommandInsideLetAndExpect(_ row: Case) {
        #expect(Self.complete(row.typed) == CompletionResult(candidates: row.candidates, replacing: row.replacing))
    }

    @Test func expectOffersOutcomesFirst() {
        let outcomes = Self.complete("expect ").candidates
        for outcome in ["ok", "error", "allow", "deny", "deny:unknown_key", "deny:expired", "deny:no_access"] {
            #expect(outcomes.contains(outcome))
        }
    }

    @Test func letOffersNothingForTheNewVariableName() {
        #expect(Self.complete("let ").candidates.isEmpty)
        #expect(Self.complete("let k").candidates.isEmpty)
    }

    @Test(arguments: [
        Case("clock; ke", ["key"], replacing: 2),
        Case("clock;ke", ["key"], replacing: 2),
        Case("clock advance 1d; key cr", ["create"], replacing: 2),
        Case("repeat 3 { ke", ["key"], replacing: 2),
        Case("repeat 3 {key sh", ["show"], replacing: 2),
        Case("repeat 2 { clock advance 1d; check $k.secret GET /u", ["/users/me/profile"], replacing: 2),
    ])
    func completionStartsAfreshAfterSemicolonAndBrace(_ row: Case) {
        #expect(Self.complete(row.typed) == CompletionResult(candidates: row.candidates, replacing: row.replacing))
    }

    @Test func nothingCompletesInsideADoubleQuote() {
        #expect(Self.complete("echo \"ke").candidates.isEmpty)
        #expect(Self.complete("key create \"my key --ex").candidates.isEmpty)
    }

    @Test func repeatOffersNothingForItsCountOrBlock() {
        #expect(Self.complete("repeat 3 ").candidates.isEmpty)
    }
}

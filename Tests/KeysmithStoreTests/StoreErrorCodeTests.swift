import KeysmithCore
import KeysmithStore
import Testing

/// A program outside keysmith tells store failures apart by their code, and reaches the
/// database's own error through `underlying`, which only a database failure carries.
@Suite struct StoreErrorCodeTests {
    struct Cause: Error, Sendable {}

    @Test("each failure has its code; only database failures carry the database's error")
    func codesAndUnderlying() {
        #expect(StoreError.damaged(store: "s", detail: "d").code == .damaged)
        #expect(StoreError.readOnly(store: "s", reason: "r").code.name == "read_only")
        #expect(StoreError.failure("x").underlying == nil)
        let database = StoreError.database(store: "s", message: "m", underlying: UnderlyingError(Cause()))
        #expect(database.code == .database && database.underlying?.error is Cause)
        let unknown = StoreError.commitOutcomeUnknown(store: "s", underlying: UnderlyingError(Cause()))
        #expect(unknown.code.name == "commit_outcome_unknown" && unknown.underlying != nil)
        #expect(StoreError.damaged(store: "s", detail: "d").description == "store s is damaged: d")
    }
}

import Foundation
import KeysmithCore
import KeysmithStore
import KeysmithTestSupport
import Testing

@testable import KeysmithSQLite

/// Names and ids written by hand that every command refuses (a secret, ESC, a bidi override,
/// a blank in a user name, a user name equal to another but for case, an audit actor) are
/// damage to `store verify` (a hostile review: they were "no damage"), named by table, column
/// and row without the secret or the raw control character.
@Suite struct StoredNameVerificationTests {
    static let secret = "ksk_ZF0sDf7rAcgJhlpMElBU42C4v2OWXs0AkKyG"

    /// The damage, and the line `store verify` must report for it.
    static let values: [(sql: String, detail: String)] = [
        (
            "UPDATE api_keys SET name = '\(secret)' WHERE name = 'live'",
            "api_keys.name in row 5 holds 'ksk_…', which the commands refuse: a key name must not contain a secret (ksk_…)"
        ),
        (
            "UPDATE api_keys SET name = 'a' || char(27) || '[2J' WHERE name = 'live'",
            "api_keys.name in row 5 holds 'a\\u{1b}[2J', which the commands refuse: a key name must be printable text: U+001B (ESC) at character 2"
        ),
        (
            "INSERT INTO users (name, role) VALUES (char(8238) || 'bob', 'member')",
            "users.name in row 4 holds '\\u{202e}bob', which the commands refuse: a user name must be printable text: U+202E (RLO) at character 1"
        ),
        (
            "INSERT INTO users (name, role) VALUES ('ME', 'member')",
            "users.name in row 4 holds 'ME', which the commands refuse: the user name 'me' is taken already (user names are unique regardless of case)"
        ),
        (
            "UPDATE audit_log SET actor = 'a' || char(27) WHERE sequence = 1",
            "audit_log.actor in row 1 holds 'a\\u{1b}', which the commands refuse: a user name must be printable text: U+001B (ESC) at character 2"
        ),
        (
            "INSERT INTO users (name, role) VALUES ('bad name', 'member')",
            "users.name in row 4 holds 'bad name', which the commands refuse: a user name may contain letters, digits, '_', '-' and '.' only"
        ),
        (
            "UPDATE resources SET name = 'f' || char(10) || '1' WHERE name = 'f1'",
            "resources.name in row 2 holds 'f\\u{a}1', which the commands refuse: a folder id must be printable text: U+000A (LF) at character 2"
        ),
        (
            // Short enough for a user name: the length rule would find a whole secret first.
            "INSERT INTO users (name, role) VALUES ('\(secret.prefix(24))', 'member')",
            "users.name in row 4 holds 'ksk_…', which the commands refuse: a user name must not contain a secret (ksk_…)"
        ),
    ]

    @Test(arguments: values)
    func aNameTheCommandsRefuseIsDamageToVerify(_ damage: (sql: String, detail: String)) async throws {
        let fixture = try await DamagedFixture(nullable: false)
        let path = try fixture.damagedCopy("damaged.sqlite", damage.sql)
        let store = try SQLiteStore(path: path, readOnly: true, refusingDamage: false)
        let result = try await store.verify()
        #expect(result.damage == [damage.detail], "\(result.damage)")
        for line in result.damage {
            #expect(!line.contains(Self.secret) && !line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        }
    }

    /// The check at open of a store changed behind keysmith's back leaves names out: a store
    /// an older keysmith wrote under looser rules still opens for writing (what it prints shows
    /// every name safely), while `store verify` names them.
    @Test(arguments: values)
    func aNameTheCommandsRefuseStillOpens(_ damage: (sql: String, detail: String)) async throws {
        let fixture = try await DamagedFixture(nullable: false)
        let path = try fixture.damagedCopy("damaged.sqlite", damage.sql)
        let store = try SQLiteStore(path: path)
        #expect(try await store.verify().damage == [damage.detail])
    }
}

import Testing

@testable import KeysmithCore

@Suite struct DecisionTests {
    @Test(arguments: [
        (DenyReason.unknownKey, 401, "unknown_key"),
        (.deleted, 401, "deleted"),
        (.expired, 401, "expired"),
        (.apiKeysDisabled, 403, "api_keys_disabled"),
        (.unknownEndpoint, 404, "unknown_endpoint"),
        (.notAPIKeyEndpoint, 403, "not_api_key_endpoint"),
        (.missingGrant, 403, "missing_grant"),
        (.noAccess, 403, "no_access"),
        (.rateLimited, 429, "rate_limited"),
    ])
    func everyDenyReasonHasItsNameAndHTTPStatus(_ reason: DenyReason, _ status: Int, _ name: String) {
        #expect(reason.status == status)
        #expect(reason.rawValue == name)
        let decision = Decision.deny(reason)
        #expect(decision.status == status)
        #expect(decision.reason == reason)
        #expect(!decision.isAllowed)
        #expect(decision.description == "deny:\(name)")
    }

    @Test func allowIsStatus200WithNoReason() {
        #expect(Decision.allow.status == 200)
        #expect(Decision.allow.isAllowed)
        #expect(Decision.allow.reason == nil)
        #expect(Decision.allow.description == "allow")
    }

    @Test func reasonsAreListedInTheOrderTheyAreDecided() {
        #expect(
            DenyReason.allCases.map(\.rawValue) == [
                "unknown_key", "deleted", "expired", "api_keys_disabled", "unknown_endpoint", "not_api_key_endpoint",
                "missing_grant", "no_access", "rate_limited",
            ])
    }
}

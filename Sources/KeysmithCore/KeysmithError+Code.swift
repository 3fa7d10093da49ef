extension KeysmithError {
    /// Which ``KeysmithError`` an error is: a stable snake-case name (`key_not_found`) with one
    /// static constant per kind of error. A struct, not an enum, so that new codes in later
    /// releases break no program's `switch` (postgres-nio's `PSQLError.Code` is the model).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, stable across releases: `key_not_found`, `bad_duration`.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The code's name.
        public var description: String { name }

        /// A key name that is empty, too long, not printable text or shaped like a secret.
        public static let badKeyName = Code("bad_key_name")
        /// A key created without any grant.
        public static let noGrants = Code("no_grants")
        /// A grant the catalog does not have.
        public static let unknownGrant = Code("unknown_grant")
        /// An admin-only grant asked for by a member.
        public static let adminGrantNeedsAdmin = Code("admin_grant_needs_admin")
        /// An expiration at or before the time of creation.
        public static let expirationNotInFuture = Code("expiration_not_in_future")
        /// No key has that id (for the acting user).
        public static let keyNotFound = Code("key_not_found")
        /// A change to a deleted key.
        public static let keyDeleted = Code("key_deleted")
        /// A change to a rolled key whose grace period is over.
        public static let keyRetired = Code("key_retired")
        /// A change to a key's grants, which are fixed at creation.
        public static let grantsImmutable = Code("grants_immutable")
        /// A change to a key's expiration, which is fixed at creation.
        public static let expirationFixed = Code("expiration_fixed")
        /// A roll of an expired key.
        public static let rollExpired = Code("roll_expired")
        /// A roll of a key that a roll already replaced.
        public static let alreadyRolled = Code("already_rolled")
        /// A key created while the account's API-key switch is off.
        public static let apiKeysDisabled = Code("api_keys_disabled")
        /// An account change that only an account admin may make.
        public static let adminOnly = Code("admin_only")
        /// Text that is not an instant keysmith reads.
        public static let badInstant = Code("bad_instant")
        /// Text that is not a duration keysmith reads.
        public static let badDuration = Code("bad_duration")
        /// An instant plus a duration past the latest instant keysmith keeps.
        public static let instantOutOfRange = Code("instant_out_of_range")
        /// The clock set back before a time the store has already seen.
        public static let clockBeforeStoreTime = Code("clock_before_store_time")
        /// No user has that name.
        public static let unknownUser = Code("unknown_user")
        /// A user added twice.
        public static let userExists = Code("user_exists")
        /// A user name that differs from an existing one's only in case.
        public static let userNameTaken = Code("user_name_taken")
        /// A user name that is not allowed.
        public static let badUserName = Code("bad_user_name")
        /// No document or folder has that id.
        public static let unknownResource = Code("unknown_resource")
        /// A document or folder added twice.
        public static let resourceExists = Code("resource_exists")
        /// A document or folder id that is not allowed.
        public static let badResourceID = Code("bad_resource_id")
        /// A share with a resource's own owner.
        public static let shareWithOwner = Code("share_with_owner")
        /// A path template keysmith cannot route.
        public static let badPath = Code("bad_path")
        /// Text that is not an HTTP method.
        public static let badMethod = Code("bad_method")
        /// An access rule that does not name one of its path's parameters.
        public static let badAccessRule = Code("bad_access_rule")
        /// A grant name that is not allowed.
        public static let badGrantName = Code("bad_grant_name")
        /// A catalog already holding as many grants as it can.
        public static let tooManyGrants = Code("too_many_grants")
        /// An endpoint added twice.
        public static let endpointExists = Code("endpoint_exists")
        /// An endpoint that accepts API keys but lists no grant.
        public static let endpointNeedsGrants = Code("endpoint_needs_grants")
        /// An imported endpoint under a version other than 1, which a store's own endpoints cannot be.
        public static let versionedCustomEndpoint = Code("versioned_custom_endpoint")
        /// A replacement catalog that lacks grants keys hold.
        public static let catalogDropsHeldGrants = Code("catalog_drops_held_grants")
        /// An endpoint that does not accept API keys but lists grants.
        public static let noAPIKeyEndpointWithGrants = Code("no_api_key_endpoint_with_grants")
        /// Text that is not a rate limit keysmith reads.
        public static let badRateLimit = Code("bad_rate_limit")
        /// An endpoint the catalog does not hold.
        public static let unknownEndpoint = Code("unknown_endpoint")
        /// A rate limit on an endpoint that does not accept API keys.
        public static let limitOnNoAPIKeyEndpoint = Code("limit_on_no_api_key_endpoint")

        /// Every code, in declaration order (for tests and generated documentation).
        package static let all: [Code] = [
            .badKeyName,
            .noGrants,
            .unknownGrant,
            .adminGrantNeedsAdmin,
            .expirationNotInFuture,
            .keyNotFound,
            .keyDeleted,
            .keyRetired,
            .grantsImmutable,
            .expirationFixed,
            .rollExpired,
            .alreadyRolled,
            .apiKeysDisabled,
            .adminOnly,
            .badInstant,
            .badDuration,
            .instantOutOfRange,
            .clockBeforeStoreTime,
            .unknownUser,
            .userExists,
            .userNameTaken,
            .badUserName,
            .unknownResource,
            .resourceExists,
            .badResourceID,
            .shareWithOwner,
            .badPath,
            .badMethod,
            .badAccessRule,
            .badGrantName,
            .tooManyGrants,
            .endpointExists,
            .endpointNeedsGrants,
            .versionedCustomEndpoint,
            .catalogDropsHeldGrants,
            .noAPIKeyEndpointWithGrants,
            .badRateLimit,
            .unknownEndpoint,
            .limitOnNoAPIKeyEndpoint,
        ]

        package init(_ kind: Kind) {
            switch kind {
            case .badKeyName: self = .badKeyName
            case .noGrants: self = .noGrants
            case .unknownGrant: self = .unknownGrant
            case .adminGrantNeedsAdmin: self = .adminGrantNeedsAdmin
            case .expirationNotInFuture: self = .expirationNotInFuture
            case .keyNotFound: self = .keyNotFound
            case .keyDeleted: self = .keyDeleted
            case .keyRetired: self = .keyRetired
            case .grantsImmutable: self = .grantsImmutable
            case .expirationFixed: self = .expirationFixed
            case .rollExpired: self = .rollExpired
            case .alreadyRolled: self = .alreadyRolled
            case .apiKeysDisabled: self = .apiKeysDisabled
            case .adminOnly: self = .adminOnly
            case .badInstant: self = .badInstant
            case .badDuration: self = .badDuration
            case .instantOutOfRange: self = .instantOutOfRange
            case .clockBeforeStoreTime: self = .clockBeforeStoreTime
            case .unknownUser: self = .unknownUser
            case .userExists: self = .userExists
            case .userNameTaken: self = .userNameTaken
            case .badUserName: self = .badUserName
            case .unknownResource: self = .unknownResource
            case .resourceExists: self = .resourceExists
            case .badResourceID: self = .badResourceID
            case .shareWithOwner: self = .shareWithOwner
            case .badPath: self = .badPath
            case .badMethod: self = .badMethod
            case .badAccessRule: self = .badAccessRule
            case .badGrantName: self = .badGrantName
            case .tooManyGrants: self = .tooManyGrants
            case .endpointExists: self = .endpointExists
            case .endpointNeedsGrants: self = .endpointNeedsGrants
            case .versionedCustomEndpoint: self = .versionedCustomEndpoint
            case .catalogDropsHeldGrants: self = .catalogDropsHeldGrants
            case .noAPIKeyEndpointWithGrants: self = .noAPIKeyEndpointWithGrants
            case .badRateLimit: self = .badRateLimit
            case .unknownEndpoint: self = .unknownEndpoint
            case .limitOnNoAPIKeyEndpoint: self = .limitOnNoAPIKeyEndpoint
            }
        }
    }
}

extension KeysmithError {
    /// Which ``KeysmithError`` an error is: a stable snake-case name (`key_not_found`) with one
    /// static constant per kind of error (see ``ErrorCode``).
    public typealias Code = ErrorCode<KeysmithError>
}

extension ErrorCode where Family == KeysmithError {
    /// A key name that is empty, too long, not printable text or shaped like a secret.
    public static var badKeyName: Self { Self("bad_key_name") }
    /// A key created without any grant.
    public static var noGrants: Self { Self("no_grants") }
    /// A grant the catalog does not have.
    public static var unknownGrant: Self { Self("unknown_grant") }
    /// An admin-only grant asked for by a member.
    public static var adminGrantNeedsAdmin: Self { Self("admin_grant_needs_admin") }
    /// An expiration at or before the time of creation.
    public static var expirationNotInFuture: Self { Self("expiration_not_in_future") }
    /// No key has that id (for the acting user).
    public static var keyNotFound: Self { Self("key_not_found") }
    /// A change to a deleted key.
    public static var keyDeleted: Self { Self("key_deleted") }
    /// A change to a rolled key whose grace period is over.
    public static var keyRetired: Self { Self("key_retired") }
    /// A change to a key's grants, which are fixed at creation.
    public static var grantsImmutable: Self { Self("grants_immutable") }
    /// A change to a key's expiration, which is fixed at creation.
    public static var expirationFixed: Self { Self("expiration_fixed") }
    /// A roll of an expired key.
    public static var rollExpired: Self { Self("roll_expired") }
    /// A roll of a key that a roll already replaced.
    public static var alreadyRolled: Self { Self("already_rolled") }
    /// A key created while the account's API-key switch is off.
    public static var apiKeysDisabled: Self { Self("api_keys_disabled") }
    /// An account change that only an account admin may make.
    public static var adminOnly: Self { Self("admin_only") }
    /// Text that is not an instant keysmith reads.
    public static var badInstant: Self { Self("bad_instant") }
    /// Text that is not a duration keysmith reads.
    public static var badDuration: Self { Self("bad_duration") }
    /// An instant plus a duration past the latest instant keysmith keeps.
    public static var instantOutOfRange: Self { Self("instant_out_of_range") }
    /// The clock set back before a time the store has already seen.
    public static var clockBeforeStoreTime: Self { Self("clock_before_store_time") }
    /// No user has that name.
    public static var unknownUser: Self { Self("unknown_user") }
    /// A user added twice.
    public static var userExists: Self { Self("user_exists") }
    /// A user name that differs from an existing one's only in case.
    public static var userNameTaken: Self { Self("user_name_taken") }
    /// A user name that is not allowed.
    public static var badUserName: Self { Self("bad_user_name") }
    /// No document or folder has that id.
    public static var unknownResource: Self { Self("unknown_resource") }
    /// A document or folder added twice.
    public static var resourceExists: Self { Self("resource_exists") }
    /// A document or folder id that is not allowed.
    public static var badResourceID: Self { Self("bad_resource_id") }
    /// A share with a resource's own owner.
    public static var shareWithOwner: Self { Self("share_with_owner") }
    /// A path template keysmith cannot route.
    public static var badPath: Self { Self("bad_path") }
    /// Text that is not an HTTP method.
    public static var badMethod: Self { Self("bad_method") }
    /// An access rule that does not name one of its path's parameters.
    public static var badAccessRule: Self { Self("bad_access_rule") }
    /// A grant name that is not allowed.
    public static var badGrantName: Self { Self("bad_grant_name") }
    /// A catalog already holding as many grants as it can.
    public static var tooManyGrants: Self { Self("too_many_grants") }
    /// An endpoint added twice.
    public static var endpointExists: Self { Self("endpoint_exists") }
    /// An endpoint that accepts API keys but lists no grant.
    public static var endpointNeedsGrants: Self { Self("endpoint_needs_grants") }
    /// An imported endpoint under a version other than 1, which a store's own endpoints cannot be.
    public static var versionedCustomEndpoint: Self { Self("versioned_custom_endpoint") }
    /// A replacement catalog that lacks grants keys hold.
    public static var catalogDropsHeldGrants: Self { Self("catalog_drops_held_grants") }
    /// An endpoint that does not accept API keys but lists grants.
    public static var noAPIKeyEndpointWithGrants: Self { Self("no_api_key_endpoint_with_grants") }
    /// Text that is not a rate limit keysmith reads.
    public static var badRateLimit: Self { Self("bad_rate_limit") }
    /// An endpoint the catalog does not hold.
    public static var unknownEndpoint: Self { Self("unknown_endpoint") }
    /// A rate limit on an endpoint that does not accept API keys.
    public static var limitOnNoAPIKeyEndpoint: Self { Self("limit_on_no_api_key_endpoint") }

    /// Every code, in declaration order (for tests and generated documentation).
    package static var all: [Self] {
        [
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
    }

    package init(_ kind: KeysmithError.Kind) {
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

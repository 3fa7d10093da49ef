public import Hummingbird

/// A Hummingbird request context that can carry a keysmith identity. Conform your own context
/// to it to use ``KeysmithMiddleware``; the property has its own name so a context can also
/// conform to hummingbird-auth's `AuthRequestContext` (its `identity`) without a clash.
public protocol KeysmithRequestContext: RequestContext {
    /// Set by ``KeysmithMiddleware`` on an allowed request; nil before it runs.
    var keysmithIdentity: KeysmithIdentity? { get set }
}

/// The plain context: Hummingbird's core storage plus the keysmith identity.
public struct KeysmithContext: KeysmithRequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by ``KeysmithMiddleware`` on an allowed request; nil before it runs.
    public var keysmithIdentity: KeysmithIdentity?

    /// A context for a new request, with no identity yet.
    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.keysmithIdentity = nil
    }
}

import KeysmithCore
import KeysmithHTTP

/// The JSON an allowed request answers with in `keysmith serve` (README: Serving keys over HTTP): the modelled
/// resource where the model holds one, otherwise the decision.
///
/// - a document or folder: `{"kind":"document","id":"d1","owner":"me","role":"owner","keyId":…,"user":…}`
///   (`role`: `owner`, `edit` or `view` from a share, or `admin` through an `*Admin` grant);
/// - the user profile (`/users/me/profile`): `{"user":"me","role":"member","keyId":…}`;
/// - anything else: `{"endpoint":"POST /documents/search","keyId":…,"user":"me"}`.
enum AllowedBody {
    static func json(for identity: KeysmithIdentity) -> String {
        var json = JSONText()
        if let resource = identity.resource {
            json.field("kind", resource.kind.rawValue)
            json.field("id", resource.id)
            json.field("owner", resource.owner)
            json.field("role", role(of: identity.user, on: resource))
            json.field("keyId", identity.keyID.description)
            json.field("user", identity.user.name)
        } else if identity.endpointTemplate == "/users/me/profile" {
            json.field("user", identity.user.name)
            json.field("role", identity.user.role.rawValue)
            json.field("keyId", identity.keyID.description)
        } else {
            json.field("endpoint", identity.endpoint)
            json.field("keyId", identity.keyID.description)
            json.field("user", identity.user.name)
            if !identity.pathParameters.isEmpty {
                json.field("parameters", identity.pathParameters.sorted { $0.key < $1.key }.map { ($0.key, PrintableText.shown($0.value)) })
            }
        }
        return json.text
    }

    /// How `user` reaches `resource`.
    static func role(of user: User, on resource: Resource) -> String {
        if resource.owner == user.name { return "owner" }
        if let share = resource.shares[user.name] { return share.rawValue }
        return user.isAdmin ? "admin" : "none"
    }
}

/// The answers of `keysmith serve` (DESIGN §8) as OpenAPI responses: 200 with the decision or
/// the modelled resource, and every denial with its JSON body `{status, code, message}`
/// (`acceptedGrants` on missing_grant, `retryAfter` on rate_limited).
enum ExportResponses {
    static let denialSchema: [String: Any] = [
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": [
            "status": ["type": "integer"],
            "code": ["type": "string"],
            "message": ["type": "string"],
            "acceptedGrants": ["type": "array", "items": ["type": "string"]],
            "retryAfter": ["type": "integer"],
        ] as [String: Any],
    ]

    static let allowedSchema: [String: Any] = ["type": "object"]

    /// What each status means, as `components/responses` names them.
    static let denials: [(status: String, name: String, description: String)] = [
        ("400", "BadRequest", "a missing or unsupported API version, or a bad Lucid-Request-As"),
        ("401", "Unauthorized", "no key, an unknown, deleted or expired key (WWW-Authenticate: Bearer)"),
        ("403", "Forbidden", "API keys off, an endpoint that refuses API keys, a missing grant, or no access to the resource"),
        ("404", "NotFound", "no endpoint matches"),
        ("429", "TooManyRequests", "over the endpoint's rate limit (Retry-After)"),
    ]

    static var components: [String: Any] {
        var responses: [String: Any] = [
            "Allowed": ["description": "allowed: the modelled resource, or the decision",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Allowed"]]]],
        ]
        for denial in denials {
            responses[denial.name] = ["description": denial.description,
                                      "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Denial"]]]]
        }
        return responses
    }

    /// Every operation answers all of them: any key may be unknown, any request over a limit.
    static func references(for endpoint: Endpoint) -> [String: Any] {
        var responses: [String: Any] = ["200": ["$ref": "#/components/responses/Allowed"]]
        for denial in denials { responses[denial.status] = ["$ref": "#/components/responses/\(denial.name)"] }
        return responses
    }
}

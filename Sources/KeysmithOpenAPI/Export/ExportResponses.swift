/// The answers of `keysmith serve` (DESIGN §8) as OpenAPI responses: 200 with the decision or
/// the modelled resource, and every denial with its JSON body `{status, code, message}`
/// (`acceptedGrants` on missing_grant, `retryAfter` on rate_limited).
enum ExportResponses {
    static var denialSchema: OrderedJSON {
        .object([
            ("type", "object"),
            ("required", ["status", "code", "message"]),
            (
                "properties",
                .object([
                    ("status", .object([("type", "integer")])),
                    ("code", .object([("type", "string")])),
                    ("message", .object([("type", "string")])),
                    ("acceptedGrants", .object([("type", "array"), ("items", .object([("type", "string")]))])),
                    ("retryAfter", .object([("type", "integer")])),
                ])
            ),
        ])
    }

    static var allowedSchema: OrderedJSON { .object([("type", "object")]) }

    /// What each status means, as `components/responses` names them.
    static let denials: [(status: String, name: String, description: String)] = [
        ("400", "BadRequest", "a missing or unsupported API version, or a bad Lucid-Request-As"),
        ("401", "Unauthorized", "no key, an unknown, deleted or expired key (WWW-Authenticate: Bearer)"),
        ("403", "Forbidden", "API keys off, an endpoint that refuses API keys, a missing grant, or no access to the resource"),
        ("404", "NotFound", "no endpoint matches"),
        ("429", "TooManyRequests", "over the endpoint's rate limit (Retry-After)"),
    ]

    private static func response(_ description: String, schema: String) -> OrderedJSON {
        .object([
            ("description", .string(description)),
            (
                "content",
                .object([("application/json", .object([("schema", .object([("$ref", .string("#/components/schemas/\(schema)"))]))]))])
            ),
        ])
    }

    static var components: OrderedJSON {
        .object(
            [("Allowed", response("allowed: the modelled resource, or the decision", schema: "Allowed"))]
                + denials.map { ($0.name, response($0.description, schema: "Denial")) })
    }

    /// Every operation answers all of them: any key may be unknown, any request over a limit.
    static var references: OrderedJSON {
        .object(
            [("200", .object([("$ref", "#/components/responses/Allowed")]))]
                + denials.map { ($0.status, .object([("$ref", .string("#/components/responses/\($0.name)"))])) })
    }
}

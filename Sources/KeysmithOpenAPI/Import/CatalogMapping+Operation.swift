import OpenAPIKit

extension CatalogMapping {
    /// The endpoint one operation describes.
    func endpoint(
        method: String, path text: String, versionPrefix: Bool, operation: OpenAPI.Operation,
        pathItem: OpenAPI.PathItem, scheme: String, at tokens: [String]
    ) throws(OpenAPIImportError) -> Endpoint {
        // Only on failure: finding a node walks the tree's mappings, and doing it for every
        // operation made reading n operations cost n² (a mapping looks a key up by scanning).
        var here: OpenAPIImportError.Location { source.location(tokens, in: tree) }
        var template: PathTemplate
        do {
            template = try PathTemplate(parsing: text)
        } catch {
            throw .invalid(
                source.location(Array(tokens.prefix(2)), in: tree), problem: "keysmith cannot route this path: \(error.description)")
        }
        var version = 1
        if versionPrefix, let prefix = Catalog.versionPrefix(of: template), template.segments.count > 1 {
            version = prefix
            do {
                template = try PathTemplate(parsing: "/" + template.description.split(separator: "/").dropFirst().joined(separator: "/"))
            } catch {
                throw .invalid(here, problem: error.description)
            }
        }
        let grants = try acceptedGrants(operation.security ?? document.security, scheme: scheme, at: tokens)
        let extensions = operation.vendorExtensions
        var access = AccessRule.none
        if let value = extensions[KeysmithExtensions.access] {
            guard let text = value.value as? String else {
                throw .invalid(
                    source.location(tokens + [KeysmithExtensions.access], in: tree),
                    problem: "\(KeysmithExtensions.access) is text, such as \"view document id\"")
            }
            do {
                access = try AccessRule.parse(text, template: template)
            } catch {
                throw .invalid(source.location(tokens + [KeysmithExtensions.access], in: tree), problem: error.description)
            }
        }
        var limit: RateLimit?
        if let value = extensions[KeysmithExtensions.rateLimit] {
            guard let text = value.value as? String else {
                throw .invalid(
                    source.location(tokens + [KeysmithExtensions.rateLimit], in: tree),
                    problem: "\(KeysmithExtensions.rateLimit) is text, such as \"300/5s per account\"")
            }
            do {
                limit = try KeysmithExtensions.rateLimit(text)
            } catch {
                throw .invalid(source.location(tokens + [KeysmithExtensions.rateLimit], in: tree), problem: error.description)
            }
        }
        var requestAs = false
        if let value = extensions[KeysmithExtensions.requestAs] {
            guard let flag = value.value as? Bool else {
                throw .invalid(
                    source.location(tokens + [KeysmithExtensions.requestAs], in: tree),
                    problem: "\(KeysmithExtensions.requestAs) is true or false")
            }
            requestAs = flag
        }
        requestAs = requestAs || takesRequestAsHeader(operation.parameters + pathItem.parameters)
        do {
            return try Endpoint(
                method: method, path: template, version: version, acceptsAPIKeys: grants != nil,
                grantNames: grants ?? [], access: grants == nil ? .none : access, rateLimit: limit,
                takesRequestAs: requestAs)
        } catch {
            throw .invalid(here, problem: error.description)
        }
    }

    /// The grants the alternatives naming `scheme` accept (any one suffices; `[]`: any grant);
    /// nil when no alternative names it.
    private func acceptedGrants(
        _ requirements: [OpenAPI.SecurityRequirement], scheme: String,
        at tokens: [String]
    ) throws(OpenAPIImportError) -> [String]? {
        let declared = Set(document.components.securitySchemes.keys.map(\.rawValue))
        var grants: [String]? = nil
        var anyGrant = false
        for (index, requirement) in requirements.enumerated() {
            for (reference, scopes) in requirement {
                let name = reference.name ?? ""
                guard declared.contains(name) else {
                    throw .invalid(
                        source.location(tokens + ["security", String(index)], in: tree),
                        problem: "the security requirement names \(name), which components/securitySchemes does not declare")
                }
                guard name == scheme else { continue }
                if scopes.isEmpty { anyGrant = true }
                var list = grants ?? []
                for scope in scopes where !list.contains(scope) { list.append(scope) }
                grants = list
            }
        }
        return anyGrant ? [] : grants
    }

    private func takesRequestAsHeader(_ parameters: OpenAPI.Parameter.Array) -> Bool {
        parameters.contains { either in
            guard let parameter = try? document.components.lookup(either) else { return false }
            return parameter.location == .header && parameter.name.lowercased() == "lucid-request-as"
        }
    }
}

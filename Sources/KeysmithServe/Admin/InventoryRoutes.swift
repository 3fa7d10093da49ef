import Hummingbird
import KeysmithCore
import KeysmithHTTP
import KeysmithStore

/// `GET /_keysmith/keys` (every user's keys as `key list` shows them, never a secret),
/// `GET /_keysmith/catalog` (the store's catalog, custom endpoints and limits included) and
/// `GET /_keysmith/limits` (the limited endpoints' current windows, read without counting).
enum InventoryRoutes {
    /// `{"keys":[{"id","name","owner","grants","status","expires","createdAt","lastUsedAt","retiresAt","replacedBy"}, …]}`,
    /// by user in the order they were added, then oldest first.
    static func keys(_ service: KeyService) async throws -> Response {
        var objects: [String] = []
        do {
            for user in try await service.users() {
                for info in try await service.keys(actor: user.name) { objects.append(json(info)) }
            }
        } catch {
            throw storeUnavailable(error)
        }
        var json = JSONText()
        json.field("keys", json: JSONText.array(objects))
        return AdminAPI.json(json.text)
    }

    static func json(_ info: KeyInfo) -> String {
        var json = JSONText()
        json.field("id", info.id.description)
        json.field("name", PrintableText.shown(info.name))
        json.field("owner", info.key.owner)
        json.field("grants", info.grantNames)
        json.field("status", info.status.rawValue)
        json.field("expires", info.key.expiration.description)
        json.field("createdAt", info.key.createdAt.description)
        json.field("lastUsedAt", info.key.lastUsedAt?.description)
        json.field("retiresAt", info.key.retiresAt?.description)
        json.field("replacedBy", info.key.replacedBy?.description)
        return json.text
    }

    /// `{"endpoints":[{"method","path","version","acceptsApiKeys","grants","access","rateLimit","custom"}, …]}`,
    /// `rateLimit` as `300/5s per account` or null.
    static func catalog(_ service: KeyService) async throws -> Response {
        let catalog: Catalog
        do {
            catalog = try await service.catalog()
        } catch {
            throw storeUnavailable(error)
        }
        let objects = catalog.endpoints.map { endpoint -> String in
            var json = JSONText()
            json.field("method", endpoint.method)
            json.field("path", endpoint.displayPath)
            json.field("version", endpoint.version)
            json.field("acceptsApiKeys", endpoint.acceptsAPIKeys)
            json.field("grants", endpoint.grantNames)
            json.field("access", endpoint.access.description)
            json.field("rateLimit", endpoint.rateLimit?.description)
            json.field("custom", endpoint.isCustom)
            return json.text
        }
        var json = JSONText()
        json.field("endpoints", json: JSONText.array(objects))
        return AdminAPI.json(json.text)
    }

    /// `{"at":INSTANT,"endpoints":[{"endpoint","method","path","rateLimit","scope","quota",
    /// "periodSeconds","windows":[{"subject","used","remaining","resetSeconds"}, …]}, …]}`: each
    /// limited endpoint, in catalog order, with its account window (`subject` null), or its
    /// users' or keys' windows that have counted something in the current window.
    static func limits(_ service: KeyService) async throws -> Response {
        let reading: (at: Instant, endpoints: [LimitedEndpointReading])
        do {
            reading = try await service.rateWindows()
        } catch {
            throw storeUnavailable(error)
        }
        let objects = reading.endpoints.map { limited -> String in
            var json = JSONText()
            json.field("endpoint", limited.endpoint.signature)
            json.field("method", limited.endpoint.method)
            json.field("path", limited.endpoint.displayPath)
            json.field("rateLimit", limited.limit.description)
            json.field("scope", limited.limit.scope.rawValue)
            json.field("quota", limited.limit.count)
            json.field("periodSeconds", Int(limited.limit.period.seconds))
            let windows = limited.windows.map { window -> String in
                var json = JSONText()
                json.field("subject", window.subject.isEmpty ? nil : PrintableText.shown(window.subject))
                json.field("used", window.used)
                json.field("remaining", window.status.remaining)
                json.field("resetSeconds", Int(window.status.resetSeconds))
                return json.text
            }
            json.field("windows", json: JSONText.array(windows))
            return json.text
        }
        var json = JSONText()
        json.field("at", reading.at.description)
        json.field("endpoints", json: JSONText.array(objects))
        return AdminAPI.json(json.text)
    }

    static func storeUnavailable(_ error: any Error) -> KeysmithDenial {
        var denial = KeysmithDenial(
            statusCode: 503, code: "store_unavailable",
            message: "the key store could not answer; try again shortly")
        denial.operatorDetail = "\(error)"
        return denial
    }
}

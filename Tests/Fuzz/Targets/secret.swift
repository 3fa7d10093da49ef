// Fuzz target `secret`: any text presented as a secret. Parsing must agree with the digest
// check, keep the text it was given, and never crash.
import KeysmithCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSecret(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let digest = Secret.digestIfWellFormed(text)
    if let secret = Secret(parsing: text) {
        require(secret.text == text, "a parsed secret changed its text")
        require(digest == secret.digest, "digest disagrees with parsing")
        require(text.hasPrefix(Secret.prefix), "a secret without the prefix")
        require(secret.description == "<secret>", "a secret's description shows it")
    } else {
        require(digest == nil, "digest of a text that does not parse")
    }
    return 0
}

// Reports the resident memory of N keys (default 1,000,000) in the memory store: resident
// set size after creating them through KeyService (as `key create` does: key, indexes and
// audit entry), minus the resident size before, divided by N.
import KeysmithCore
import KeysmithStore

#if canImport(Glibc)
import Glibc
#endif

/// Resident set size in bytes, from /proc/self/statm (Linux).
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    _ = withUnsafeMutablePointer(to: &size) { s in
        withUnsafeMutablePointer(to: &resident) { r in withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) } }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let clock = ManualClock(Instant(parsing: "2026-01-01")!)
let service = KeyService(store: MemoryStore(), clock: clock, random: SeededRandomSource(seed: 1))
let before = residentBytes()
for i in 0..<count {
    _ = try await service.createKey(
        name: "key \(i % 1000)", expires: .after(KeyDuration(seconds: 86_400 * 30)),
        grants: ["DocumentReadonly"], actor: "me")
}
let after = residentBytes()
print("\((after - before) / count) bytes/key (\((after - before) >> 20) MiB for \(count) keys)")

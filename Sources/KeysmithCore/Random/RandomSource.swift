import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where keysmith draws randomness for secrets and key ids.
///
/// The default is ``SystemRandomSource`` (the OS CSPRNG). ``SeededRandomSource`` exists only
/// so scripts and golden tests replay the same ids and secrets; it is never a default.
public protocol RandomSource: Sendable {
    /// Fills `count` bytes with random data.
    func bytes(_ count: Int) -> [UInt8]
}

/// The operating system's CSPRNG, asked once per call: `arc4random_buf` (glibc 2.36 and later
/// fill it with one `getrandom` system call; macOS from its kernel CSPRNG). A secret costs one
/// call, not one per eight bytes as through `SystemRandomNumberGenerator`.
public struct SystemRandomSource: RandomSource {
    /// The system's CSPRNG; holds no state.
    public init() {}
    /// `count` bytes from `arc4random_buf` in one call; empty when `count` is 0 or less.
    public func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            arc4random_buf(buffer.baseAddress!, count)
            initialized = count
        }
    }
}

/// A deterministic generator (SplitMix64) for reproducible scripts and tests.
/// Not cryptographically secure: never used unless a seed is asked for.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>

    /// A generator whose output is fixed by `seed`: the same seed gives the same bytes.
    public init(seed: UInt64) { state = Mutex(seed) }

    /// The next `count` bytes of the SplitMix64 stream, eight per step; bytes beyond `count` are dropped, not kept for the next call.
    public func bytes(_ count: Int) -> [UInt8] {
        state.withLock { state in
            var out = [UInt8]()
            out.reserveCapacity(count + 8)
            while out.count < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                withUnsafeBytes(of: z.littleEndian) { out.append(contentsOf: $0) }
            }
            out.removeLast(out.count - count)
            return out
        }
    }
}

extension RandomSource {
    /// `count` characters drawn uniformly from `alphabet` (≤ 256 symbols) by rejection sampling,
    /// so no character is more likely than another.
    public func characters(_ count: Int, from alphabet: [UInt8]) -> String {
        let limit = 256 - 256 % alphabet.count
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            for byte in bytes((count - out.count) * 2) where Int(byte) < limit && out.count < count {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

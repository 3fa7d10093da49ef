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

/// The operating system's CSPRNG: `arc4random_buf` (glibc 2.36 and later fill it with one
/// `getrandom` system call; macOS from its kernel CSPRNG), drawn 4 KiB at a time into a pool
/// that hands the bytes out once each and zeroes them as it does. A secret and a key id cost a
/// copy, not a system call each; the bytes are the kernel's, unchanged. (keysmith never forks
/// a process that draws from the pool, so no two processes share its bytes.)
public struct SystemRandomSource: RandomSource {
    /// The system's CSPRNG; holds no state (the pool is the process's).
    public init() {}
    /// `count` fresh bytes from the CSPRNG; empty when `count` is 0 or less.
    public func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return Self.pool.withLock { $0.take(count) }
    }

    private static let pool = Mutex(RandomPool())
}

/// Bytes drawn from `arc4random_buf` ahead of use, each handed out once, then zeroed.
struct RandomPool: ~Copyable {
    static let capacity = 4096
    private let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: RandomPool.capacity)
    /// The first byte not yet handed out; `capacity` when the pool is empty.
    private var next = RandomPool.capacity

    init() { storage.initialize(repeating: 0) }

    deinit { storage.deallocate() }

    /// `count` (more than 0) bytes nobody else was given.
    mutating func take(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            fill(out)
            initialized = count
        }
    }

    private mutating func fill(_ out: UnsafeMutableBufferPointer<UInt8>) {
        guard out.count < Self.capacity else {  // a large draw goes straight to the system
            arc4random_buf(out.baseAddress!, out.count)
            return
        }
        var filled = 0
        while filled < out.count {
            if next == Self.capacity {
                arc4random_buf(storage.baseAddress!, Self.capacity)
                next = 0
            }
            let n = min(out.count - filled, Self.capacity - next)
            let source = UnsafeMutableBufferPointer(rebasing: storage[next..<next + n])
            _ = UnsafeMutableBufferPointer(rebasing: out[filled..<filled + n]).update(fromContentsOf: source)
            source.update(repeating: 0)
            next += n
            filled += n
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

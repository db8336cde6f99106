import Foundation

/// SHA-256 (FIPS 180-4) in pure Swift, for manifest checksums. Streaming via ``Hasher``; files are
/// hashed in 1 MiB chunks so memory stays flat for big files.
public enum SHA256 {
    /// Lowercase hex digest (64 characters) of `data`.
    public static func hex(_ data: Data) -> String {
        var hasher = Hasher()
        hasher.update(data)
        return hexString(hasher.finalize())
    }

    /// Lowercase hex digest of the file at `url`, read in 1 MiB chunks.
    /// Errors: `fileNotFound` or `unreadable` (exit 66).
    public static func hex(fileAt url: URL) throws -> String {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ArrayIOError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw ArrayIOError.unreadable(path: path, reason: "it is a folder, expected a file")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var hasher = Hasher()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(chunk)
            }
            return hexString(hasher.finalize())
        } catch {
            throw ArrayIOError.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// The 32-byte digest of `data`.
    public static func digest(_ data: Data) -> [UInt8] {
        var hasher = Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Incremental SHA-256: `update` any number of times, then `finalize` once.
    public struct Hasher: Sendable {
        private var state: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        /// Bytes not yet forming a full 64-byte block.
        private var pending: [UInt8] = []
        private var totalBytes: UInt64 = 0

        public init() {}

        public mutating func update(_ data: Data) {
            data.withUnsafeBytes { update(bytes: $0) }
        }

        public mutating func update(bytes input: UnsafeRawBufferPointer) {
            totalBytes &+= UInt64(input.count)
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, input.count)
                pending.append(contentsOf: input[0 ..< take])
                offset = take
                guard pending.count == 64 else { return }
                let block = pending
                block.withUnsafeBytes { compress($0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            while input.count - offset >= 64 {
                compress(input, at: offset)
                offset += 64
            }
            pending.append(contentsOf: input[offset...])
        }

        /// Pads (0x80, zeros, 64-bit big-endian bit length) and returns the big-endian digest.
        public mutating func finalize() -> [UInt8] {
            let bitLength = totalBytes &* 8
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            withUnsafeBytes(of: bitLength.bigEndian) { tail.append(contentsOf: $0) }
            tail.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    compress(raw, at: offset)
                    offset += 64
                }
            }
            pending.removeAll()
            var digest: [UInt8] = []
            digest.reserveCapacity(32)
            for word in state { withUnsafeBytes(of: word.bigEndian) { digest.append(contentsOf: $0) } }
            return digest
        }

        private mutating func compress(_ raw: UnsafeRawBufferPointer, at offset: Int) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for t in 0 ..< 16 {
                    w[t] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
                }
                for t in 16 ..< 64 {
                    let s0 = w[t - 15].rotatedRight(7) ^ w[t - 15].rotatedRight(18) ^ (w[t - 15] >> 3)
                    let s1 = w[t - 2].rotatedRight(17) ^ w[t - 2].rotatedRight(19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var a = state[0], b = state[1], c = state[2], d = state[3]
                var e = state[4], f = state[5], g = state[6], h = state[7]
                Self.roundConstants.withUnsafeBufferPointer { k in
                    for t in 0 ..< 64 {
                        let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                        let choice = (e & f) ^ (~e & g)
                        let temp1 = h &+ sum1 &+ choice &+ k[t] &+ w[t]
                        let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let temp2 = sum0 &+ majority
                        h = g; g = f; f = e; e = d &+ temp1
                        d = c; c = b; b = a; a = temp1 &+ temp2
                    }
                }
                state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
            }
        }

        private static let roundConstants: [UInt32] = [
            0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
            0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
            0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
            0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
            0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
            0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
            0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
            0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
        ]
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}

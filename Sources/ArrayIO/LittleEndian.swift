/// Little-endian byte packing that never traps on alignment and works on either host byte order.
enum LittleEndian {
    /// Reads a `T` stored little-endian at `offset` (caller guarantees `offset + size ≤ count`).
    @inline(__always)
    static func load<T: FixedWidthInteger>(_ type: T.Type, from raw: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Reads a `T` stored little-endian at `offset` of `bytes`, or nil when fewer bytes remain.
    static func read<T: FixedWidthInteger>(_ type: T.Type, from bytes: [UInt8], at offset: Int) -> T? {
        guard offset >= 0, bytes.count - offset >= MemoryLayout<T>.size else { return nil }
        return bytes.withUnsafeBytes { load(T.self, from: $0, at: offset) }
    }

    /// Appends `value` as little-endian bytes.
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Converts a buffer of little-endian elements to native values of the same width.
    /// `bytes.count` must be a multiple of the element size (checked by the caller).
    static func decode<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8]) -> [T] {
        let size = MemoryLayout<T>.size
        let count = bytes.count / size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                #if _endian(little)
                if count > 0 {
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0 ..< count * size]))
                }
                #else
                for index in 0 ..< count { buffer[index] = load(T.self, from: raw, at: index * size) }
                #endif
            }
            initialized = count
        }
    }

    /// Converts native values to little-endian bytes.
    static func encode<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        #if _endian(little)
        return values.withUnsafeBytes { Array($0) }
        #else
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * MemoryLayout<T>.size)
        for value in values { append(value, to: &bytes) }
        return bytes
        #endif
    }
}

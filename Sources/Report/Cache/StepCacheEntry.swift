import ArrayIO
import Foundation

/// One cached step result: the step's values (JSON of a `Codable` value) and the bytes of the files
/// the step wrote into the run folder (data files, rendered figures), so a hit restores the files
/// by copying instead of re-exporting or re-rendering them.
///
/// File layout (little-endian), ``encoded()`` and ``decode(_:expectedKey:)``:
///
///     "RRSTEPCACHE\n"  magic (12 bytes)
///     UInt32           schema version (``StepCache/schemaVersion``)
///     UInt64           length of the whole file
///     UInt64           header length H
///     H bytes          header JSON (key, step, kind, value length, files: path, media type, producer, length)
///     …                the value bytes, then every file's bytes in header order
///     32 bytes         SHA-256 of everything before it
///
/// Invariant: an entry is trusted only when the magic, the schema version, the trailing SHA-256, the
/// key and every length agree; otherwise decoding throws ``StepCacheEntry/Invalid`` (truncated,
/// corrupt, foreign) and the caller recomputes.
public struct StepCacheEntry: Sendable, Equatable {
    public var key: StepCacheKey
    /// The pipeline step that wrote it (`analysis: osr`), for `cache info` and warnings.
    public var step: String
    /// The kind of result (the key material's ``StepCacheKey/Material/kind``).
    public var kind: String
    /// The step's values, encoded by ``StepCacheCoding``.
    public var value: Data
    public var files: [File]

    /// A file the step wrote, relative to the run folder, with what the manifest records of it.
    public struct File: Sendable, Equatable {
        public var path: String
        public var mediaType: String
        public var producedBy: String
        public var bytes: Data

        public init(path: String, mediaType: String, producedBy: String, bytes: Data) {
            self.path = path; self.mediaType = mediaType; self.producedBy = producedBy; self.bytes = bytes
        }
    }

    public init(key: StepCacheKey, step: String, kind: String, value: Data, files: [File] = []) {
        self.key = key; self.step = step; self.kind = kind; self.value = value; self.files = files
    }

    /// Why an entry's bytes are not trusted.
    public enum Invalid: Error, Equatable, CustomStringConvertible {
        /// Shorter than it says (`expected` bytes, when readable), or than the smallest entry.
        case truncated(bytes: Int, expected: Int?)
        /// The trailing SHA-256 does not match the content (a flipped byte, a partial overwrite).
        case hashMismatch
        /// Not an entry of this tool (no magic), or of another schema version.
        case foreign(reason: String)
        /// The header does not parse or its lengths disagree with the content.
        case malformed(reason: String)
        /// The value does not decode as the step's result type.
        case undecodable(reason: String)

        public var description: String {
            switch self {
            case let .truncated(bytes, expected): "truncated (\(bytes) bytes" + (expected.map { " of \($0)" } ?? "") + ")"
            case .hashMismatch: "its SHA-256 does not match its content"
            case let .foreign(reason): "not an entry of this tool's cache: \(reason)"
            case let .malformed(reason): "malformed: \(reason)"
            case let .undecodable(reason): "its value does not decode: \(reason)"
            }
        }
    }

    static let magic = Data("RRSTEPCACHE\n".utf8)
    /// Magic, schema version, total length and header length.
    static let prefixLength = magic.count + 4 + 8 + 8
    static let digestLength = 32

    struct Header: Codable {
        var key: String
        var step: String
        var kind: String
        var valueLength: Int
        var files: [FileHeader]
    }

    struct FileHeader: Codable {
        var path: String
        var mediaType: String
        var producedBy: String
        var length: Int
    }

    /// The bytes of the entry's file.
    /// - Throws: when the header cannot be encoded.
    public func encoded(schemaVersion: Int = StepCache.schemaVersion) throws -> Data {
        let header = Header(key: key.hex, step: step, kind: kind, valueLength: value.count,
                            files: files.map { FileHeader(path: $0.path, mediaType: $0.mediaType, producedBy: $0.producedBy, length: $0.bytes.count) })
        let headerData = try JSONEncoder().encode(header)
        let total = Self.prefixLength + headerData.count + value.count + files.reduce(0) { $0 + $1.bytes.count } + Self.digestLength
        var out = Data(capacity: total)
        out.append(Self.magic)
        appendLittleEndian(UInt32(schemaVersion), to: &out)
        appendLittleEndian(UInt64(total), to: &out)
        appendLittleEndian(UInt64(headerData.count), to: &out)
        out.append(headerData)
        out.append(value)
        for f in files { out.append(f.bytes) }
        out.append(contentsOf: SHA256.digest(out))
        return out
    }

    /// The entry in `data`, checked as described above; `expectedKey`: the key it was looked up by.
    /// - Throws: ``Invalid``.
    public static func decode(_ data: Data, expectedKey: StepCacheKey?) throws -> StepCacheEntry {
        let data = Data(data)  // zero-based indices
        guard data.count >= magic.count else {
            throw magic.starts(with: data) ? Invalid.truncated(bytes: data.count, expected: nil) : Invalid.foreign(reason: "no entry magic")
        }
        guard data.prefix(magic.count) == magic else { throw Invalid.foreign(reason: "no entry magic") }
        guard data.count >= prefixLength + digestLength else { throw Invalid.truncated(bytes: data.count, expected: nil) }
        let version = readLittleEndian(UInt32.self, data, at: magic.count)
        guard version == StepCache.schemaVersion else {
            throw Invalid.foreign(reason: "schema version \(version), this tool reads \(StepCache.schemaVersion)")
        }
        let total = readLittleEndian(UInt64.self, data, at: magic.count + 4)
        if total > UInt64(data.count) { throw Invalid.truncated(bytes: data.count, expected: total < 1 << 48 ? Int(total) : nil) }
        guard total == UInt64(data.count) else { throw Invalid.malformed(reason: "\(data.count) bytes, the entry says \(total)") }
        let headerLength = readLittleEndian(UInt64.self, data, at: magic.count + 12)
        guard headerLength <= UInt64(data.count - prefixLength - digestLength) else {
            throw Invalid.malformed(reason: "a header of \(headerLength) bytes in \(data.count)")
        }
        let contentEnd = data.count - digestLength
        guard Array(data[contentEnd...]) == SHA256.digest(data.prefix(contentEnd)) else { throw Invalid.hashMismatch }
        let headerEnd = prefixLength + Int(headerLength)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data[prefixLength..<headerEnd])
        } catch {
            throw Invalid.malformed(reason: "header: \(error)")
        }
        guard let key = StepCacheKey(hex: header.key) else { throw Invalid.malformed(reason: "key '\(header.key)'") }
        if let expectedKey, key != expectedKey {
            throw Invalid.foreign(reason: "it holds key \(key), looked up as \(expectedKey)")
        }
        let lengths = [header.valueLength] + header.files.map(\.length)
        guard lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, +) == contentEnd - headerEnd else {
            throw Invalid.malformed(reason: "lengths add up to \(lengths.reduce(0, +)) bytes, the content has \(contentEnd - headerEnd)")
        }
        var offset = headerEnd
        func take(_ n: Int) -> Data { defer { offset += n }; return data.subdata(in: offset..<offset + n) }
        let value = take(header.valueLength)
        let files = header.files.map { File(path: $0.path, mediaType: $0.mediaType, producedBy: $0.producedBy, bytes: take($0.length)) }
        return StepCacheEntry(key: key, step: header.step, kind: header.kind, value: value, files: files)
    }

    /// The header fields of an entry's first bytes (for `cache info`), without checking the hash;
    /// nil when they are not an entry's.
    static func peekHeader(_ prefix: Data) -> Header? {
        let data = Data(prefix)
        guard data.count >= prefixLength, data.prefix(magic.count) == magic,
              readLittleEndian(UInt32.self, data, at: magic.count) == StepCache.schemaVersion else { return nil }
        let length = readLittleEndian(UInt64.self, data, at: magic.count + 12)
        guard length <= UInt64(data.count - prefixLength) else { return nil }
        return try? JSONDecoder().decode(Header.self, from: data[prefixLength..<prefixLength + Int(length)])
    }
}

private func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
}

/// `T` stored little-endian at `offset` of zero-based `data` (caller guarantees the bytes exist).
private func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type, _ data: Data, at offset: Int) -> T {
    data[offset..<offset + MemoryLayout<T>.size].reversed().reduce(T(0)) { ($0 << 8) | T($1) }
}

import Foundation

/// A safetensors file (huggingface/safetensors): named tensors plus a string-to-string metadata map.
///
/// Layout: 8-byte little-endian u64 `N`; `N` bytes of UTF-8 JSON mapping each tensor name to
/// `{"dtype", "shape", "data_offsets": [begin, end)}` (offsets relative to the data buffer that follows
/// the header) and an optional `"__metadata__"` object of strings; then the packed little-endian,
/// row-major tensor bytes.
///
/// Reading validates everything (see ``decode(_:source:)``) and never traps on bad content.
/// Writing is deterministic: tensors in UTF-8 byte order of their names, packed without gaps, header
/// keys sorted, header padded with spaces to a multiple of 8 bytes so tensor data is 8-byte aligned.
public struct SafeTensorsFile: Sendable {
    public var tensors: [String: TensorRecord]
    /// The `__metadata__` map. Nested values (shapes, configs) are stored as JSON-encoded strings.
    public var metadata: [String: String]
    /// Where the file came from (a path, or "(in memory)"), used in error messages.
    public var source: String

    public init(tensors: [String: TensorRecord], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
        self.source = "(in memory)"
    }

    /// Tensor names in UTF-8 byte order (the order of the written file).
    public var tensorNames: [String] { tensors.keys.sorted(by: Self.utf8Less) }

    /// Reads and validates a file. Errors: `fileNotFound`/`unreadable` (exit 66) or a content error (65).
    public static func read(contentsOf url: URL) throws -> SafeTensorsFile {
        try decode(FileInput.read(url), source: url.path)
    }

    /// Decodes and validates a file's bytes; `source` (a file name) appears in error messages.
    ///
    /// Rejects: fewer than 8 bytes; a header length beyond the file or above ``maxHeaderBytes``;
    /// invalid UTF-8/JSON, duplicate keys, a non-object header; missing or wrong-typed fields; unknown
    /// dtypes; shape × dtype size ≠ offset span; offsets outside the buffer or overlapping; non-string
    /// metadata values. Bytes after the last tensor are ignored.
    public static func decode(_ data: Data, source: String) throws -> SafeTensorsFile {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> SafeTensorsFile in
            guard raw.count >= 8 else {
                throw ArrayIOError.truncated(path: source, what: "the 8-byte header length", expectedBytes: 8, foundBytes: raw.count)
            }
            let declared = LittleEndian.load(UInt64.self, from: raw, at: 0)
            guard declared <= UInt64(maxHeaderBytes) else {
                throw ArrayIOError.malformedHeader(
                    path: source, reason: "header length \(declared) bytes exceeds the \(maxHeaderBytes)-byte limit")
            }
            let headerLength = Int(declared)
            guard headerLength <= raw.count - 8 else {
                throw ArrayIOError.truncated(
                    path: source, what: "the \(headerLength)-byte JSON header after the length field",
                    expectedBytes: 8 + headerLength, foundBytes: raw.count)
            }
            let bufferStart = 8 + headerLength
            let header = try parseHeader(
                Array(raw[8 ..< bufferStart]), source: source, bufferSize: raw.count - bufferStart)
            var tensors: [String: TensorRecord] = [:]
            for entry in header.entries {
                let bytes = Array(raw[(bufferStart + entry.begin) ..< (bufferStart + entry.end)])
                tensors[entry.name] = TensorRecord(dtype: entry.dtype, shape: entry.shape, bytes: bytes)
            }
            var file = SafeTensorsFile(tensors: tensors, metadata: header.metadata)
            file.source = source
            return file
        }
    }

    /// The file's bytes. Throws `invalidTensor` if a record's byte count does not match its shape, and
    /// `invalidValue` if a tensor is named `__metadata__`.
    public func encoded() throws -> Data {
        var entries: [(key: String, json: String)] = []
        var offset = 0
        let names = tensorNames
        for name in names {
            guard name != Self.metadataKey else {
                throw ArrayIOError.invalidValue(what: "safetensors file", reason: "a tensor may not be named '\(Self.metadataKey)'")
            }
            guard let record = tensors[name] else { continue }
            try record.validate(name: name, source: source)
            let end = offset + record.bytes.count
            let shape = record.shape.map(String.init).joined(separator: ",")
            entries.append((name, "{\"data_offsets\":[\(offset),\(end)],\"dtype\":\"\(record.dtype.rawValue)\",\"shape\":[\(shape)]}"))
            offset = end
        }
        if !metadata.isEmpty {
            let items = metadata.keys.sorted(by: Self.utf8Less).map { key in
                JSONText.quoted(key) + ":" + JSONText.quoted(metadata[key] ?? "")
            }
            entries.append((Self.metadataKey, "{" + items.joined(separator: ",") + "}"))
        }
        entries.sort { Self.utf8Less($0.key, $1.key) }
        var header = Array(("{" + entries.map { JSONText.quoted($0.key) + ":" + $0.json }.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        LittleEndian.append(UInt64(header.count), to: &bytes)
        bytes.append(contentsOf: header)
        for name in names {
            if let record = tensors[name] { bytes.append(contentsOf: record.bytes) }
        }
        return Data(bytes)
    }

    /// Writes ``encoded()`` atomically (temp file in the same folder, then rename).
    public func write(to url: URL) throws {
        try AtomicFile.write(encoded(), to: url)
    }

    /// Orders strings by their UTF-8 bytes (= Unicode code point order, as Python's `sorted`).
    static func utf8Less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

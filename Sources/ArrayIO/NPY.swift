import Foundation

/// A NumPy `.npy` array (NEP 1) of float32 or float64 values, held as `Float`, row-major (C order).
///
/// Reading accepts format versions 1.0, 2.0 and 3.0 and the dtypes float32/float64 in little-endian or
/// native (`=`, `|`, no prefix) byte order on a little-endian host; float64 values are rounded to the
/// nearest `Float`. It rejects bad magic, unknown versions, malformed header dicts, Fortran order,
/// big-endian data, any other dtype (object arrays are pickles) and truncated data. Bytes after the
/// data are ignored, as `numpy.load` does.
///
/// Writing produces exactly the bytes `numpy.save` (numpy ≥ 1.24) writes for the same array: version
/// 1.0 (2.0 if the header exceeds 65535 bytes), C order, little-endian, the header dict space-padded and
/// `\n`-terminated so that the preamble (magic, version, length, header) is a multiple of 64 bytes.
public struct NPYArray: Sendable, Equatable {
    public var shape: [Int]
    /// Row-major values; `values.count` should equal the product of `shape` (1 for a 0-d array).
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    static let alignment = 64

    /// Reads and validates an `.npy` file: the data must end exactly where the file ends (trailing bytes
    /// are refused, unlike `np.load`). Errors: `fileNotFound`/`unreadable` (66) or content errors (65).
    public static func read(contentsOf url: URL) throws -> NPYArray {
        try decode(FileInput.read(url), source: url.path)
    }

    /// Decodes an `.npy` file's bytes; `source` (a file name) appears in error messages.
    public static func decode(_ data: Data, source: String) throws -> NPYArray {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> NPYArray in
            func fail(_ reason: String) -> ArrayIOError { .malformedHeader(path: source, reason: reason) }
            guard raw.count >= 10 else {
                throw ArrayIOError.truncated(path: source, what: "the NPY magic, version and header length", expectedBytes: 10, foundBytes: raw.count)
            }
            guard Array(raw[0 ..< 6]) == magic else {
                let found = raw[0 ..< 6].map { String(format: "%02x", $0) }.joined(separator: " ")
                throw fail("bad magic: expected 93 4e 55 4d 50 59 (\"\\x93NUMPY\"), found \(found)")
            }
            let major = raw[6], minor = raw[7]
            guard (1 ... 3).contains(major), minor == 0 else {
                throw fail("format version \(major).\(minor) is not supported (expected 1.0, 2.0 or 3.0)")
            }
            let headerStart = major == 1 ? 10 : 12
            guard raw.count >= headerStart else {
                throw ArrayIOError.truncated(path: source, what: "the v\(major).0 header length", expectedBytes: headerStart, foundBytes: raw.count)
            }
            let headerLength = major == 1
                ? Int(LittleEndian.load(UInt16.self, from: raw, at: 8))
                : Int(LittleEndian.load(UInt32.self, from: raw, at: 8))
            guard headerLength <= raw.count - headerStart else {
                throw ArrayIOError.truncated(path: source, what: "the \(headerLength)-byte header dict", expectedBytes: headerStart + headerLength, foundBytes: raw.count)
            }
            let dataStart = headerStart + headerLength
            let header = try NPYHeader.parse(Array(raw[headerStart ..< dataStart]), isUTF8: major == 3, source: source)
            let dtype = try elementType(descr: header.descr, source: source)
            guard !header.fortranOrder else {
                throw fail("fortran_order is True (column-major); only C order is supported — save np.ascontiguousarray(a)")
            }
            guard let needed = ShapeMath.byteCount(header.shape, elementSize: dtype.byteSize) else {
                throw fail("shape \(header.shape) has too many elements")
            }
            guard needed <= raw.count - dataStart else {
                throw ArrayIOError.truncated(
                    path: source, what: "the data of shape \(header.shape) as '\(header.descr)' after a \(dataStart)-byte preamble",
                    expectedBytes: dataStart + needed, foundBytes: raw.count)
            }
            // More bytes than the shape declares: the header no longer describes the file (an edited
            // shape, or several arrays saved into one file — np.load would silently read only the first).
            guard needed == raw.count - dataStart else {
                let extra = raw.count - dataStart - needed
                throw ArrayIOError.malformedContent(
                    path: source, reason: "\(extra) byte\(extra == 1 ? "" : "s") after the data of shape \(header.shape) as '\(header.descr)' "
                        + "(\(dataStart + needed) bytes expected, \(raw.count) found): the header's shape does not describe the whole file "
                        + "(were several arrays saved into it?)")
            }
            let record = TensorRecord(dtype: dtype, shape: header.shape, bytes: Array(raw[dataStart ..< dataStart + needed]))
            return NPYArray(shape: header.shape, values: try record.floatValues(name: "array", source: source))
        }
    }

    /// Maps an NPY `descr` to F32/F64, or throws naming the found descr.
    static func elementType(descr: String, source: String) throws -> DType {
        var order: Character = "="
        var code = Substring(descr)
        if let first = code.first, "<>=|".contains(first) {
            order = first
            code = code.dropFirst()
        }
        let dtype: DType
        switch code {
        case "f4": dtype = .f32
        case "f8": dtype = .f64
        default:
            let kind = code.hasPrefix("O") ? " (object arrays are Python pickles and are never loaded)" : ""
            throw ArrayIOError.malformedHeader(
                path: source, reason: "dtype '\(descr)'\(kind) is not supported; expected float32 '<f4' or float64 '<f8'")
        }
        #if _endian(little)
        let bigEndian = order == ">"
        #else
        let bigEndian = order != ">"
        #endif
        guard !bigEndian else {
            throw ArrayIOError.malformedHeader(
                path: source, reason: "dtype '\(descr)' is big-endian; only little-endian '<f4' or '<f8' is supported — save a.astype('<f4')")
        }
        return dtype
    }

    /// The file's bytes with elements stored as `dtype` (`.f32` or `.f64`). Throws `invalidValue` for
    /// other dtypes, an invalid shape or `values.count` ≠ product of `shape`.
    public func encoded(dtype: DType = .f32) throws -> Data {
        let descr: String
        let payload: [UInt8]
        guard let count = ShapeMath.elementCount(shape) else {
            throw ArrayIOError.invalidValue(what: "NPY array", reason: "shape \(shape) has a negative dimension or too many elements")
        }
        guard count == values.count else {
            throw ArrayIOError.invalidValue(what: "NPY array", reason: "shape \(shape) has \(count) elements, found \(values.count) values")
        }
        switch dtype {
        case .f32:
            descr = "<f4"
            payload = LittleEndian.encode(values.map(\.bitPattern))
        case .f64:
            descr = "<f8"
            payload = LittleEndian.encode(values.map { Double($0).bitPattern })
        default:
            throw ArrayIOError.invalidValue(what: "NPY array", reason: "dtype \(dtype.rawValue) is not supported; expected F32 or F64")
        }
        var bytes = Self.preamble(for: NPYHeader(descr: descr, fortranOrder: false, shape: shape))
        bytes.append(contentsOf: payload)
        return Data(bytes)
    }

    /// Writes ``encoded(dtype:)`` atomically (temp file in the same folder, then rename) under
    /// ``AtomicFile``'s output-path policy: an existing regular file is replaced only with
    /// `replacingExisting`, anything else that exists at `url` never.
    public func write(to url: URL, dtype: DType = .f32, replacingExisting: Bool = true) throws {
        try AtomicFile.write(encoded(dtype: dtype), to: url, replacingExisting: replacingExisting)
    }

    /// Magic, version, header length and padded header, as numpy's `_wrap_header`:
    /// `padlen = 64 − ((magic 8 + length field + len(header) + 1) mod 64)` spaces, then `\n`.
    static func preamble(for header: NPYHeader) -> [UInt8] {
        let text = Array(header.text.utf8)
        func padding(lengthField: Int) -> Int {
            alignment - (magic.count + 2 + lengthField + text.count + 1) % alignment
        }
        var bytes = magic
        let pad: Int
        if text.count + padding(lengthField: 2) + 1 <= Int(UInt16.max) {
            pad = padding(lengthField: 2)
            bytes += [1, 0]
            LittleEndian.append(UInt16(text.count + pad + 1), to: &bytes)
        } else {
            pad = padding(lengthField: 4)
            bytes += [2, 0]
            LittleEndian.append(UInt32(truncatingIfNeeded: text.count + pad + 1), to: &bytes)
        }
        bytes += text
        bytes += repeatElement(UInt8(ascii: " "), count: pad)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

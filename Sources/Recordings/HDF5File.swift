import CHDF5
import CHDF5Shim
import Foundation

/// A thin, checked view of an HDF5 file through the C library: existence and listing of objects,
/// dataset shapes and element classes, numeric reads with conversion to Float/Double, numeric and
/// string attributes, and (for exports) group and dataset creation.
///
/// Every id opened is closed on every path (including errors); library errors become
/// ``RecordingError/library(path:dataset:call:)`` naming the file and the object. HDF5's own error
/// printing is switched off (`chdf5_initialise`).
///
/// What a file is trusted with (issue #23):
/// - only a regular file (or a symbolic link to one) is opened: a named pipe would block
///   `H5Fis_hdf5` forever and `/dev/zero` never ends (66);
/// - a file with an external or user-defined link anywhere is refused at open (66): following one
///   opens another file, which may be a pipe. When the links cannot all be listed (a corrupt group
///   somewhere), the file is still read, but ``exists(_:)`` then accepts only hard links along a
///   path, so no link of another kind is ever followed;
/// - a dataset's shape is converted with checked arithmetic; its declared bytes must be stored in
///   the file (``DatasetInfo/storedBytes``: an unallocated 10¹⁵-value dataset is a 19 KB file) and
///   fit ``RecordingLimits/maximumDatasetBytes`` before anything is allocated (65).
final class HDF5File {
    /// Element class of a dataset.
    enum ElementClass: String, Sendable { case integer, float, string, other }

    /// How a dataset's raw data lies in the file (CHDF5_LAYOUT_*).
    enum Layout: Int32, Sendable { case compact = 0, contiguous, chunked, externalFiles, other, virtual }

    /// Shape, element type and storage of a dataset.
    struct DatasetInfo: Sendable, Equatable {
        var shape: [Int]
        var elementClass: ElementClass
        var elementBytes: Int
        var isSigned: Bool
        var layout: Layout = .contiguous
        /// Bytes the file really holds for the data (`H5Dget_storage_size`).
        var storedBytes: UInt64 = 0
        /// Whether the chunks pass through filters (compression).
        var filtered: Bool = false
        /// Product of the shape, or nil when it overflows `Int`.
        var elementCount: Int? {
            var n = 1
            for d in shape {
                let (p, overflow) = n.multipliedReportingOverflow(by: d)
                if overflow { return nil }
                n = p
            }
            return n
        }
        /// numpy-style name (`float32`, `uint8`, …).
        var typeName: String {
            switch elementClass {
            case .float: "float\(elementBytes * 8)"
            case .integer: "\(isSigned ? "" : "u")int\(elementBytes * 8)"
            case .string: "string"
            case .other: "other"
            }
        }
    }

    let path: String
    private let id: hid_t
    /// True when `H5Lvisit` could not list every link at open: paths are then checked link by link.
    private var linksUnverified = false

    private static let initialised: Bool = chdf5_initialise() >= 0

    /// Opens an existing regular file read-only; refuses special files and files with links to
    /// other files before the library reads anything that could block.
    init(readingAt path: String) throws {
        try Self.requireRegularFile(path)
        guard Self.initialised else { throw RecordingError.cannotOpen(path: path, reason: "the HDF5 library did not initialise") }
        guard H5Fis_hdf5(path) > 0 else { throw RecordingError.unknownFormat(path: path, reason: "not an HDF5 file") }
        let f = H5Fopen(path, chdf5_read_only(), chdf5_default_properties())
        guard f >= 0 else { throw Self.openFailure(path) }
        var name = [CChar](repeating: 0, count: 1024)
        let foreign = chdf5_find_foreign_link(f, &name, name.count)
        if foreign > 0 {
            H5Fclose(f)
            let link = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw RecordingError.cannotOpen(path: path, reason:
                "'/\(RecordingSummary.printable(link))' is an external link to another file (recordings must be self-contained: copy the data in, e.g. with h5copy)")
        }
        linksUnverified = foreign < 0
        self.path = path; id = f
    }

    /// Why `H5Fopen` refused a readable regular file that starts with an HDF5 signature: a writer
    /// holding the file's lock (HDF5 ≥ 1.10 locks files; `flock` shared, non-blocking, fails) is an
    /// open problem (66); otherwise the content is damaged — truncated, or a corrupt superblock — (65).
    static func openFailure(_ path: String) -> RecordingError {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        if fd >= 0 {
            defer { close(fd) }
            if flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK {
                return .cannotOpen(path: path, reason: "another program holds the file's HDF5 write lock; close it (or read a copy)")
            }
            flock(fd, LOCK_UN)
            // Superblock v2/v3 (signature at 0): byte 11 holds the file-consistency flags, bit 0 "open
            // for write access", bit 2 "open for SWMR write" — set while a writer has the file open.
            var head = [UInt8](repeating: 0, count: 12)
            let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
            if pread(fd, &head, 12, 0) == 12, Array(head[0..<8]) == signature, head[8] >= 2, head[11] & 0x05 != 0 {
                return .cannotOpen(path: path, reason: "its superblock marks it as open for writing by another program (an HDF5 SWMR writer, or one "
                                       + "that did not close it: once no writer runs, `h5clear -s FILE` clears the mark)")
            }
        }
        return .unknownFormat(path: path, reason: "it starts with an HDF5 signature but the HDF5 library cannot open it: the file is truncated or its superblock is corrupt")
    }

    /// Throws ``RecordingError/cannotOpen(path:reason:)`` (66) unless `path` is a regular file or a
    /// symbolic link to one.
    static func requireRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let e = errno
            throw RecordingError.cannotOpen(path: path, reason: e == ENOENT ? "the file does not exist" : String(cString: strerror(e)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw RecordingError.cannotOpen(path: path, reason: "it is a folder, expected an HDF5 file")
        case S_IFCHR, S_IFBLK: throw RecordingError.cannotOpen(path: path, reason: "it is a device node, expected a regular file")
        case S_IFIFO: throw RecordingError.cannotOpen(path: path, reason: "it is a named pipe, expected a regular file")
        default: throw RecordingError.cannotOpen(path: path, reason: "it is a special file, expected a regular file")
        }
        guard access(path, R_OK) == 0 else { throw RecordingError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Creates (truncates) a file for writing.
    init(creatingAt path: String) throws {
        guard Self.initialised else { throw RecordingError.cannotWrite(path: path, reason: "the HDF5 library did not initialise") }
        let f = H5Fcreate(path, chdf5_truncate(), chdf5_default_properties(), chdf5_default_properties())
        guard f >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "H5Fcreate failed") }
        self.path = path; id = f
    }

    deinit { H5Fclose(id) }

    /// Flushes and closes explicitly (the deinit closes too); throws if the flush fails.
    func flush() throws {
        guard H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "H5Fflush failed") }
    }

    // MARK: Structure

    /// Whether every component of `object` (an absolute path like `/train/response`) exists.
    func exists(_ object: String) -> Bool {
        var prefix = ""
        for part in object.split(separator: "/") {
            prefix += "/" + part
            guard H5Lexists(id, prefix, chdf5_default_properties()) > 0 else { return false }
            if linksUnverified, chdf5_link_is_hard(id, prefix) != 1 { return false }
            guard H5Oexists_by_name(id, prefix, chdf5_default_properties()) > 0 else { return false }
        }
        return true
    }

    /// Whether `object` exists and is a group.
    func isGroup(_ object: String) -> Bool {
        guard object == "/" || exists(object) else { return false }
        let o = H5Oopen(id, object, chdf5_default_properties())
        guard o >= 0 else { return false }
        defer { H5Oclose(o) }
        return H5Iget_type(o) == H5I_GROUP
    }

    /// Whether `object` exists and is a dataset.
    func isDataset(_ object: String) -> Bool {
        guard exists(object) else { return false }
        let o = H5Oopen(id, object, chdf5_default_properties())
        guard o >= 0 else { return false }
        defer { H5Oclose(o) }
        return H5Iget_type(o) == H5I_DATASET
    }

    /// Names of the links in a group, in name order.
    func children(of group: String) throws -> [String] {
        let g = H5Gopen2(id, group, chdf5_default_properties())
        guard g >= 0 else { throw RecordingError.missing(path: path, dataset: group, expected: "a group") }
        defer { H5Gclose(g) }
        var info = H5G_info_t()
        guard H5Gget_info(g, &info) >= 0 else { throw RecordingError.library(path: path, dataset: group, call: "H5Gget_info") }
        var names: [String] = []
        for k in 0..<info.nlinks {
            let n = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, nil, 0, chdf5_default_properties())
            guard n >= 0 else { throw RecordingError.library(path: path, dataset: group, call: "H5Lget_name_by_idx") }
            var buffer = [CChar](repeating: 0, count: Int(n) + 1)
            _ = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, &buffer, Int(n) + 1, chdf5_default_properties())
            names.append(String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    // MARK: Datasets

    private func withDataset<T>(_ dataset: String, _ body: (hid_t) throws -> T) throws -> T {
        guard isDataset(dataset) else { throw RecordingError.missing(path: path, dataset: dataset, expected: "a dataset") }
        let d = H5Dopen2(id, dataset, chdf5_default_properties())
        guard d >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dopen2") }
        defer { H5Dclose(d) }
        return try body(d)
    }

    private func describe(type t: hid_t) -> (ElementClass, Int, Bool) {
        let c = H5Tget_class(t)
        let bytes = H5Tget_size(t)
        let cls: ElementClass = c == H5T_INTEGER ? .integer : c == H5T_FLOAT ? .float : c == H5T_STRING ? .string : .other
        let signed = cls == .integer ? H5Tget_sign(t) == H5T_SGN_2 : true
        return (cls, bytes, signed)
    }

    /// Shape and element type of a dataset.
    func info(_ dataset: String) throws -> DatasetInfo {
        try withDataset(dataset) { d in
            let space = H5Dget_space(d)
            guard space >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dget_space") }
            defer { H5Sclose(space) }
            let rank = Int(H5Sget_simple_extent_ndims(space))
            guard rank >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Sget_simple_extent_ndims") }
            var dims = [hsize_t](repeating: 0, count: max(rank, 1))
            _ = H5Sget_simple_extent_dims(space, &dims, nil)
            var shape: [Int] = []
            for d in dims.prefix(rank) {
                guard let n = Int(exactly: d) else {
                    throw RecordingError.overLimit(path: path, dataset: dataset, quantity: "every dimension", limit: "≤ \(Int.max)",
                                                   found: "shape \(dims.prefix(rank).map { $0 })")
                }
                shape.append(n)
            }
            let t = H5Dget_type(d)
            guard t >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dget_type") }
            defer { H5Tclose(t) }
            let (cls, bytes, signed) = describe(type: t)
            var stored: UInt64 = 0, layout: Int32 = 0, filters: Int32 = 0
            guard chdf5_dataset_storage(d, &stored, &layout, &filters) >= 0 else {
                throw RecordingError.library(path: path, dataset: dataset, call: "H5Dget_create_plist")
            }
            return DatasetInfo(shape: shape, elementClass: cls, elementBytes: bytes, isSigned: signed,
                               layout: Layout(rawValue: layout) ?? .other, storedBytes: stored, filtered: filters > 0)
        }
    }

    /// The element count of a numeric dataset about to be read into `valueBytes`-byte values,
    /// after the checks that must come before allocating: the count fits `Int`, the declared bytes
    /// are stored in the file, and the decoded size is within ``RecordingLimits/maximumDatasetBytes``.
    func checkedCount(_ dataset: String, _ i: DatasetInfo, valueBytes: Int) throws -> Int {
        guard i.elementClass == .integer || i.elementClass == .float else {
            throw RecordingError.badShape(path: path, dataset: dataset, expected: "a numeric dataset", found: i.typeName)
        }
        let product = i.shape.reduce(1.0) { $0 * Double($1) }
        guard let count = i.elementCount else {
            throw RecordingError.overLimit(path: path, dataset: dataset, quantity: "the element count (product of the shape)",
                                           limit: "≤ \(Int.max)", found: "shape \(i.shape) (\(String(format: "%.3g", product)) elements)")
        }
        let declared = Double(count) * Double(i.elementBytes), stored = Double(i.storedBytes)
        switch i.layout {
        case .contiguous, .chunked:
            let allowed = i.filtered ? stored * Double(RecordingLimits.maximumCompressionRatio) : stored
            if declared > allowed {
                throw RecordingError.declaredSizeNotStored(
                    path: path, dataset: dataset,
                    declared: "\(RecordingLimits.bytes(declared)) (shape \(i.shape), \(i.typeName))",
                    stored: RecordingLimits.bytes(stored) + (i.filtered ? " compressed (at most \(RecordingLimits.maximumCompressionRatio) : 1 is believed)" : ""))
            }
        case .externalFiles:
            throw RecordingError.cannotOpen(path: path, reason: "'\(dataset)' keeps its data in external raw files (recordings must be self-contained)")
        case .virtual:
            throw RecordingError.cannotOpen(path: path, reason: "'\(dataset)' is a virtual dataset whose data lives in other files, never read "
                                                + "(recordings must be self-contained: copy the data in, e.g. with h5copy)")
        case .compact, .other:
            break  // compact data lives in the header
        }
        let decoded = Double(count) * Double(valueBytes)
        guard decoded <= Double(RecordingLimits.maximumDatasetBytes) else {
            throw RecordingError.overLimit(path: path, dataset: dataset, quantity: "the decoded size",
                                           limit: "≤ \(RecordingLimits.bytes(Double(RecordingLimits.maximumDatasetBytes))) (RecordingLimits.maximumDatasetBytes)",
                                           found: "\(RecordingLimits.bytes(decoded)) (shape \(i.shape))")
        }
        return count
    }

    /// A numeric dataset (any integer or float type, converted by the library) as Double values,
    /// row-major, with its shape.
    func readDoubles(_ dataset: String) throws -> (shape: [Int], values: [Double]) {
        let i = try info(dataset)
        let count = try checkedCount(dataset, i, valueBytes: MemoryLayout<Double>.size)
        var values = [Double](repeating: 0, count: count)
        guard count > 0 else { return (i.shape, values) }
        try withDataset(dataset) { d in
            let status = values.withUnsafeMutableBytes {
                H5Dread(d, chdf5_native_double(), chdf5_select_all(), chdf5_select_all(), chdf5_default_properties(), $0.baseAddress)
            }
            guard status >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dread") }
        }
        return (i.shape, values)
    }

    /// A numeric dataset as Float values (read as Float by the library: large integers lose precision
    /// beyond 2²⁴, which no stimulus or count reaches).
    func readFloats(_ dataset: String) throws -> (shape: [Int], values: [Float]) {
        let i = try info(dataset)
        let count = try checkedCount(dataset, i, valueBytes: MemoryLayout<Float>.size)
        var values = [Float](repeating: 0, count: count)
        guard count > 0 else { return (i.shape, values) }
        try withDataset(dataset) { d in
            let status = values.withUnsafeMutableBytes {
                H5Dread(d, chdf5_native_float(), chdf5_select_all(), chdf5_select_all(), chdf5_default_properties(), $0.baseAddress)
            }
            guard status >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dread") }
        }
        return (i.shape, values)
    }

    // MARK: Attributes

    private func withAttribute<T>(_ object: String, _ name: String, _ body: (hid_t) throws -> T?) rethrows -> T? {
        guard exists(object) || object == "/" else { return nil }
        guard H5Aexists_by_name(id, object, name, chdf5_default_properties()) > 0 else { return nil }
        let a = H5Aopen_by_name(id, object, name, chdf5_default_properties(), chdf5_default_properties())
        guard a >= 0 else { return nil }
        defer { H5Aclose(a) }
        return try body(a)
    }

    /// A scalar (or first element of a) numeric attribute, or nil when absent or not numeric.
    func doubleAttribute(_ object: String, _ name: String) -> Double? {
        withAttribute(object, name) { a -> Double? in
            let t = H5Aget_type(a)
            guard t >= 0 else { return nil }
            defer { H5Tclose(t) }
            let (cls, _, _) = describe(type: t)
            guard cls == .integer || cls == .float else { return nil }
            let space = H5Aget_space(a)
            defer { H5Sclose(space) }
            let n = max(1, Int(H5Sget_simple_extent_npoints(space)))
            guard n <= 1 << 20 else { return nil }  // an attribute is a scalar or a short list; never allocate more
            var v = [Double](repeating: 0, count: n)
            guard v.withUnsafeMutableBytes({ H5Aread(a, chdf5_native_double(), $0.baseAddress) }) >= 0 else { return nil }
            return v[0]
        }
    }

    /// A scalar string attribute (fixed or variable length), or nil when absent or not a string.
    func stringAttribute(_ object: String, _ name: String) -> String? {
        withAttribute(object, name) { a -> String? in
            let t = H5Aget_type(a)
            guard t >= 0 else { return nil }
            defer { H5Tclose(t) }
            guard H5Tget_class(t) == H5T_STRING else { return nil }
            let memory = H5Tcopy(chdf5_c_string())
            defer { H5Tclose(memory) }
            if H5Tis_variable_str(t) > 0 {
                H5Tset_size(memory, size_t.max)
                H5Tset_cset(memory, H5Tget_cset(t))
                var pointer: UnsafeMutablePointer<CChar>?
                guard H5Aread(a, memory, &pointer) >= 0, let p = pointer else { return nil }
                defer { H5free_memory(p) }
                return String(cString: p)
            }
            let size = H5Tget_size(t)
            guard size > 0, size <= 1 << 20 else { return nil }
            H5Tset_size(memory, size)
            var buffer = [CChar](repeating: 0, count: size + 1)
            guard H5Aread(a, memory, &buffer) >= 0 else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    // MARK: Writing

    /// Creates a group (its parent must exist).
    func createGroup(_ group: String) throws {
        let g = H5Gcreate2(id, group, chdf5_default_properties(), chdf5_default_properties(), chdf5_default_properties())
        guard g >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot create group '\(group)'") }
        H5Gclose(g)
    }

    /// Writes a dataset of `shape` from `values` stored as `type` (a native type id from the shim).
    private func write(_ dataset: String, shape: [Int], type: hid_t, bytes: UnsafeRawBufferPointer) throws {
        var dims = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(shape.count), &dims, nil)
        guard space >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot create a dataspace for '\(dataset)'") }
        defer { H5Sclose(space) }
        let d = H5Dcreate2(id, dataset, type, space, chdf5_default_properties(), chdf5_default_properties(), chdf5_default_properties())
        guard d >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot create dataset '\(dataset)'") }
        defer { H5Dclose(d) }
        guard H5Dwrite(d, type, chdf5_select_all(), chdf5_select_all(), chdf5_default_properties(), bytes.baseAddress) >= 0 else {
            throw RecordingError.cannotWrite(path: path, reason: "cannot write dataset '\(dataset)'")
        }
    }

    func write(_ dataset: String, shape: [Int], uint8 values: [UInt8]) throws {
        precondition(values.count == shape.reduce(1, *))
        try values.withUnsafeBytes { try write(dataset, shape: shape, type: chdf5_native_uint8(), bytes: $0) }
    }

    func write(_ dataset: String, shape: [Int], float32 values: [Float]) throws {
        precondition(values.count == shape.reduce(1, *))
        try values.withUnsafeBytes { try write(dataset, shape: shape, type: chdf5_native_float(), bytes: $0) }
    }

    func write(_ dataset: String, shape: [Int], float64 values: [Double]) throws {
        precondition(values.count == shape.reduce(1, *))
        try values.withUnsafeBytes { try write(dataset, shape: shape, type: chdf5_native_double(), bytes: $0) }
    }

    /// A scalar fixed-length string attribute on `object`.
    func writeAttribute(_ object: String, _ name: String, string value: String) throws {
        let o = H5Oopen(id, object, chdf5_default_properties())
        guard o >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot open '\(object)' for attribute '\(name)'") }
        defer { H5Oclose(o) }
        let type = H5Tcopy(chdf5_c_string())
        defer { H5Tclose(type) }
        let bytes = Array(value.utf8)
        H5Tset_size(type, max(1, bytes.count))
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let a = H5Acreate2(o, name, type, space, chdf5_default_properties(), chdf5_default_properties())
        guard a >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot create attribute '\(name)' on '\(object)'") }
        defer { H5Aclose(a) }
        let padded = bytes.isEmpty ? [UInt8(0)] : bytes
        guard padded.withUnsafeBytes({ H5Awrite(a, type, $0.baseAddress) }) >= 0 else {
            throw RecordingError.cannotWrite(path: path, reason: "cannot write attribute '\(name)' on '\(object)'")
        }
    }

    /// A scalar float64 attribute on `object`.
    func writeAttribute(_ object: String, _ name: String, double value: Double) throws {
        let o = H5Oopen(id, object, chdf5_default_properties())
        guard o >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot open '\(object)' for attribute '\(name)'") }
        defer { H5Oclose(o) }
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let a = H5Acreate2(o, name, chdf5_native_double(), space, chdf5_default_properties(), chdf5_default_properties())
        guard a >= 0 else { throw RecordingError.cannotWrite(path: path, reason: "cannot create attribute '\(name)' on '\(object)'") }
        defer { H5Aclose(a) }
        var v = value
        guard H5Awrite(a, chdf5_native_double(), &v) >= 0 else {
            throw RecordingError.cannotWrite(path: path, reason: "cannot write attribute '\(name)' on '\(object)'")
        }
    }
}

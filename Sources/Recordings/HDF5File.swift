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
final class HDF5File {
    /// Element class of a dataset.
    enum ElementClass: String, Sendable { case integer, float, string, other }

    /// Shape and element type of a dataset.
    struct DatasetInfo: Sendable, Equatable {
        var shape: [Int]
        var elementClass: ElementClass
        var elementBytes: Int
        var isSigned: Bool
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

    private static let initialised: Bool = chdf5_initialise() >= 0

    /// Opens an existing file read-only.
    init(readingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RecordingError.cannotOpen(path: path, reason: "the file does not exist")
        }
        guard Self.initialised else { throw RecordingError.cannotOpen(path: path, reason: "the HDF5 library did not initialise") }
        guard H5Fis_hdf5(path) > 0 else { throw RecordingError.unknownFormat(path: path, reason: "not an HDF5 file") }
        let f = H5Fopen(path, chdf5_read_only(), chdf5_default_properties())
        guard f >= 0 else { throw RecordingError.cannotOpen(path: path, reason: "H5Fopen failed") }
        self.path = path; id = f
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
            let t = H5Dget_type(d)
            guard t >= 0 else { throw RecordingError.library(path: path, dataset: dataset, call: "H5Dget_type") }
            defer { H5Tclose(t) }
            let (cls, bytes, signed) = describe(type: t)
            return DatasetInfo(shape: dims.prefix(rank).map { Int($0) }, elementClass: cls, elementBytes: bytes, isSigned: signed)
        }
    }

    /// A numeric dataset (any integer or float type, converted by the library) as Double values,
    /// row-major, with its shape.
    func readDoubles(_ dataset: String) throws -> (shape: [Int], values: [Double]) {
        let i = try info(dataset)
        guard i.elementClass == .integer || i.elementClass == .float else {
            throw RecordingError.badShape(path: path, dataset: dataset, expected: "a numeric dataset", found: i.typeName)
        }
        let count = i.shape.reduce(1, *)
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
        guard i.elementClass == .integer || i.elementClass == .float else {
            throw RecordingError.badShape(path: path, dataset: dataset, expected: "a numeric dataset", found: i.typeName)
        }
        let count = i.shape.reduce(1, *)
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

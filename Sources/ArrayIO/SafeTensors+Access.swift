import Foundation

/// Checked access to named tensors and JSON-valued metadata; every error names the file and tensor.
extension SafeTensorsFile {
    /// The record named `name`, or `missingTensor` (listing the names present).
    public func tensor(_ name: String) throws -> TensorRecord {
        guard let record = tensors[name] else {
            throw ArrayIOError.missingTensor(path: source, tensor: name, available: tensorNames)
        }
        return record
    }

    /// The values of tensor `name` as `Float`, row-major, after checking that it exists, has exactly
    /// `shape` (`shapeMismatch` says expected vs found), is F32/F64/F16/BF16 and that every value is
    /// finite (`nonFinite`: "tensor 'x' in file 'f' contains NaN at index i"; an F64 value beyond the
    /// `Float` range is reported as `invalidTensor`).
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let record = try checkedRecord(name, shape: shape)
        let values = try record.floatValues(name: name, source: source)
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            let original = record.dtype == .f64 ? try record.doubleValues(name: name, source: source)[index] : Double(values[index])
            if original.isFinite {
                throw ArrayIOError.invalidTensor(
                    path: source, tensor: name, reason: "F64 value \(original) at index \(index) is outside the Float range")
            }
            throw ArrayIOError.nonFinite(path: source, tensor: name, index: index, value: Self.nonFiniteName(original))
        }
        return values
    }

    /// The values of tensor `name` as `Double`, with the same checks as ``floats(_:shape:)``.
    public func doubles(_ name: String, shape: [Int]) throws -> [Double] {
        let record = try checkedRecord(name, shape: shape)
        let values = try record.doubleValues(name: name, source: source)
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw ArrayIOError.nonFinite(path: source, tensor: name, index: index, value: Self.nonFiniteName(values[index]))
        }
        return values
    }

    /// The values of integer/BOOL tensor `name` as `Int64` after checking presence and `shape`
    /// (e.g. BatchNorm `num_batches_tracked`, shape `[]`).
    public func int64s(_ name: String, shape: [Int]) throws -> [Int64] {
        try checkedRecord(name, shape: shape).int64Values(name: name, source: source)
    }

    /// Decodes metadata entry `key`, a JSON-encoded string, as `T`. Errors: `invalidMetadata` when the
    /// key is absent or the JSON does not decode.
    public func decodeMetadata<T: Decodable>(_ type: T.Type, key: String) throws -> T {
        guard let text = metadata[key] else {
            throw ArrayIOError.invalidMetadata(
                path: source, key: key,
                reason: "missing (present: \(metadata.keys.sorted(by: Self.utf8Less).joined(separator: ", ")))")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw ArrayIOError.invalidMetadata(path: source, key: key, reason: "cannot decode \(T.self) from its JSON: \(error)")
        }
    }

    /// Stores `value` as compact JSON (sorted keys, unescaped slashes) in metadata entry `key`.
    public mutating func setMetadata<T: Encodable>(_ value: T, key: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            metadata[key] = String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw ArrayIOError.invalidValue(what: "metadata '\(key)'", reason: "\(error)")
        }
    }

    private func checkedRecord(_ name: String, shape: [Int]) throws -> TensorRecord {
        let record = try tensor(name)
        guard record.shape == shape else {
            throw ArrayIOError.shapeMismatch(path: source, tensor: name, expected: shape, found: record.shape)
        }
        return record
    }

    static func nonFiniteName(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")
    }
}

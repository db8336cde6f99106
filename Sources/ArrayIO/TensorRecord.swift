/// One tensor as stored in a safetensors file: dtype, shape and the raw little-endian, row-major
/// (C order) bytes.
///
/// Invariant expected by the writers (checked by ``validate(name:source:)``, ``SafeTensorsFile/encoded()``
/// and the readers): every dimension ≥ 0 and `bytes.count == elementCount × dtype.byteSize`.
/// An empty `shape` is a scalar (one element); a zero dimension is an empty tensor.
public struct TensorRecord: Sendable, Equatable {
    public var dtype: DType
    public var shape: [Int]
    /// Little-endian, row-major element bytes.
    public var bytes: [UInt8]

    public init(dtype: DType, shape: [Int], bytes: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// An F32 tensor; `values` row-major (`values.count` should equal the product of `shape`).
    public init(float32 values: [Float], shape: [Int]) {
        self.init(dtype: .f32, shape: shape, bytes: LittleEndian.encode(values.map(\.bitPattern)))
    }

    /// An F64 tensor; `values` row-major (`values.count` should equal the product of `shape`).
    public init(float64 values: [Double], shape: [Int]) {
        self.init(dtype: .f64, shape: shape, bytes: LittleEndian.encode(values.map(\.bitPattern)))
    }

    /// An I64 tensor (e.g. BatchNorm `num_batches_tracked`, shape `[]`).
    public init(int64 values: [Int64], shape: [Int]) {
        self.init(dtype: .i64, shape: shape, bytes: LittleEndian.encode(values))
    }

    /// Product of `shape` (1 for a scalar); 0 when the shape is invalid (a negative dimension or an
    /// overflowing product) — ``validate(name:source:)`` rejects such shapes.
    public var elementCount: Int { ShapeMath.elementCount(shape) ?? 0 }

    /// Checks the invariant (dimensions ≥ 0, byte count = elements × dtype size); errors name `name`
    /// and `source`.
    public func validate(name: String, source: String) throws {
        guard let expected = ShapeMath.byteCount(shape, elementSize: dtype.byteSize) else {
            throw ArrayIOError.invalidTensor(
                path: source, tensor: name,
                reason: "shape \(shape) has a negative dimension or too many elements")
        }
        guard expected == bytes.count else {
            throw ArrayIOError.invalidTensor(
                path: source, tensor: name,
                reason: "shape \(shape) × \(dtype.rawValue) (\(dtype.byteSize) bytes) needs \(expected) bytes, found \(bytes.count)")
        }
    }

    /// The values as `Float`, row-major. F32 exact; F64 rounded to nearest (out-of-range → ±Infinity);
    /// F16 and BF16 exact. Throws for integer, BOOL and F8 tensors or an inconsistent byte count.
    public func floatValues() throws -> [Float] {
        try floatValues(name: "(unnamed)", source: "(in memory)")
    }

    /// The values as `Double`, row-major; every supported float dtype converts exactly.
    /// Throws for integer, BOOL and F8 tensors or an inconsistent byte count.
    public func doubleValues() throws -> [Double] {
        try doubleValues(name: "(unnamed)", source: "(in memory)")
    }

    /// The values as `Int64`, row-major, for integer and BOOL tensors (BOOL: 0 or 1, any non-zero byte
    /// reads as 1). Throws for float tensors, and for U64 values above `Int64.max`.
    public func int64Values() throws -> [Int64] {
        try int64Values(name: "(unnamed)", source: "(in memory)")
    }
}

// MARK: - Conversions with context for error messages

extension TensorRecord {
    static let floatTypesText = "F32, F64, F16 or BF16"

    func floatValues(name: String, source: String) throws -> [Float] {
        try validate(name: name, source: source)
        switch dtype {
        case .f32: return LittleEndian.decode(UInt32.self, bytes).map(Float.init(bitPattern:))
        case .f64: return LittleEndian.decode(UInt64.self, bytes).map { Float(Double(bitPattern: $0)) }
        case .f16: return LittleEndian.decode(UInt16.self, bytes).map(HalfFloat.float(fromF16:))
        case .bf16: return LittleEndian.decode(UInt16.self, bytes).map(HalfFloat.float(fromBF16:))
        default:
            throw ArrayIOError.unsupportedDType(path: source, tensor: name, found: dtype.rawValue, expected: Self.floatTypesText)
        }
    }

    func doubleValues(name: String, source: String) throws -> [Double] {
        if dtype == .f64 {
            try validate(name: name, source: source)
            return LittleEndian.decode(UInt64.self, bytes).map(Double.init(bitPattern:))
        }
        return try floatValues(name: name, source: source).map(Double.init)
    }

    func int64Values(name: String, source: String) throws -> [Int64] {
        try validate(name: name, source: source)
        switch dtype {
        case .i64: return LittleEndian.decode(Int64.self, bytes)
        case .i32: return LittleEndian.decode(Int32.self, bytes).map(Int64.init)
        case .i16: return LittleEndian.decode(Int16.self, bytes).map(Int64.init)
        case .i8: return bytes.map { Int64(Int8(bitPattern: $0)) }
        case .u32: return LittleEndian.decode(UInt32.self, bytes).map(Int64.init)
        case .u16: return LittleEndian.decode(UInt16.self, bytes).map(Int64.init)
        case .u8: return bytes.map(Int64.init)
        case .bool: return bytes.map { $0 == 0 ? 0 : 1 }
        case .u64:
            let raw = LittleEndian.decode(UInt64.self, bytes)
            if let index = raw.firstIndex(where: { $0 > UInt64(Int64.max) }) {
                throw ArrayIOError.invalidTensor(
                    path: source, tensor: name,
                    reason: "U64 value \(raw[index]) at index \(index) exceeds Int64.max")
            }
            return raw.map { Int64($0) }
        default:
            throw ArrayIOError.unsupportedDType(
                path: source, tensor: name, found: dtype.rawValue,
                expected: "an integer or BOOL dtype (I64, I32, I16, I8, U64, U32, U16, U8, BOOL)")
        }
    }
}

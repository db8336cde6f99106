/// Element types of the safetensors format (raw values are the names in its JSON header).
///
/// All multi-byte types are stored little-endian. `F8_E4M3` and `F8_E5M2` are listed so such files can be
/// read and written back unchanged; they are not converted to floating point.
public enum DType: String, Sendable, Codable, CaseIterable {
    case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
    case f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
    case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64, .u64: return 8
        case .f32, .i32, .u32: return 4
        case .f16, .bf16, .i16, .u16: return 2
        case .f8e4m3, .f8e5m2, .i8, .u8, .bool: return 1
        }
    }

    /// True for the types ``TensorRecord/floatValues()`` converts: F64, F32, F16, BF16.
    public var isFloatingPoint: Bool {
        switch self {
        case .f64, .f32, .f16, .bf16: return true
        default: return false
        }
    }

    /// True for the types ``TensorRecord/int64Values()`` converts: signed and unsigned integers and BOOL.
    public var isInteger: Bool {
        switch self {
        case .i64, .i32, .i16, .i8, .u64, .u32, .u16, .u8, .bool: return true
        default: return false
        }
    }
}

/// Shape arithmetic that never traps.
enum ShapeMath {
    /// Product of `shape`, or nil if a dimension is negative or the product overflows `Int`.
    /// The product of an empty shape (a scalar) is 1.
    static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dim in shape {
            guard dim >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// `elementCount(shape) × elementSize`, or nil on a negative dimension or overflow.
    static func byteCount(_ shape: [Int], elementSize: Int) -> Int? {
        guard let count = elementCount(shape) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
        return overflow ? nil : bytes
    }
}

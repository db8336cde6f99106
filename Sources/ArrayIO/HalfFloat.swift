/// Bit-level conversions from 16-bit floats to `Float` (exact: every F16 and BF16 value is a `Float`).
/// Written by hand so they behave the same on every platform (`Float16` is unavailable on some).
enum HalfFloat {
    /// IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits) to binary32. Subnormals, ±0, ±Infinity
    /// and NaN (payload kept in the top fraction bits) are preserved.
    static func float(fromF16 half: UInt16) -> Float {
        let sign = UInt32(half >> 15) << 31
        let exponent = UInt32((half >> 10) & 0x1F)
        let fraction = UInt32(half & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: fraction × 2^-24, exact in binary32.
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (fraction << 13))
        }
    }

    /// bfloat16 is the top half of a binary32.
    static func float(fromBF16 half: UInt16) -> Float {
        Float(bitPattern: UInt32(half) << 16)
    }
}

import Foundation

/// A minimal PNG encoder for test figures (8-bit RGB, zlib "stored" blocks, no compression).
enum TinyPNG {
    /// Encodes `width × height` pixels given row-major by `pixel(x, y) -> (r, g, b)`.
    static func encode(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw += [r, g, b]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        ihdr += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, adaptive, no interlace
        png += chunk("IHDR", ihdr)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    /// A small "line plot": white background, grey axes, a blue sine trace and an orange step.
    static func plot(width: Int, height: Int, phase: Double = 0) -> Data {
        var canvas = [[(UInt8, UInt8, UInt8)]](repeating: [(UInt8, UInt8, UInt8)](repeating: (255, 255, 255), count: width), count: height)
        func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
            if x >= 0 && x < width && y >= 0 && y < height { canvas[y][x] = c }
        }
        let left = max(2, width / 12), bottom = height - max(2, height / 10)
        for x in left..<width { set(x, bottom, (90, 90, 90)) }
        for y in 0...bottom { set(left, y, (90, 90, 90)) }
        var previous: Int?
        for x in (left + 1)..<width {
            let t = Double(x - left) / Double(width - left)
            let v = 0.5 + 0.38 * sin(2 * Double.pi * 2 * t + phase) * exp(-1.5 * t)
            let y = Int(Double(bottom) * (1 - v))
            let from = previous ?? y
            for yy in min(from, y)...max(from, y) {
                set(x, yy, (0, 114, 178))
                set(x, yy + 1, (0, 114, 178))
            }
            previous = y
            let s = t > 0.3 && t < 0.6 ? Int(Double(bottom) * 0.15) : Int(Double(bottom) * 0.9)
            set(x, s, (230, 159, 0))
        }
        return encode(width: width, height: height) { x, y in canvas[y][x] }
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n >= data.count ? 1 : 0
            out.append(final)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

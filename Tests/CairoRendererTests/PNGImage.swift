import CCairo
import Foundation

/// A decoded PNG for assertions: size from the IHDR chunk and pixels decoded with cairo.
struct PNGImage {
    let width: Int
    let height: Int
    /// 0xRRGGBB per pixel, row-major.
    let pixels: [UInt32]

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// IHDR width and height (bytes 16–23, big-endian), or nil if `data` is not a PNG.
    static func header(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[0..<8]) == signature, String(bytes: bytes[12..<16], encoding: .ascii) == "IHDR" else {
            return nil
        }
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    private final class Reader {
        let bytes: [UInt8]
        var offset = 0
        init(_ data: Data) { bytes = [UInt8](data) }
    }

    init?(_ data: Data) {
        guard let header = Self.header(data) else { return nil }
        let reader = Reader(data)
        let read: cairo_read_func_t = { closure, buffer, length in
            let reader = Unmanaged<Reader>.fromOpaque(closure!).takeUnretainedValue()
            let n = Int(length)
            guard reader.offset + n <= reader.bytes.count, let buffer else { return CAIRO_STATUS_READ_ERROR }
            reader.bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + reader.offset, count: n) }
            reader.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let base = cairo_image_surface_get_data(surface) else { return nil }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        guard width == header.width, height == header.height else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { pixels[y * width + x] = row[x] & 0x00FF_FFFF }
        }
        self.pixels = pixels
    }

    func pixel(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }

    /// Fraction of pixels that are not pure white.
    var inkFraction: Double {
        Double(pixels.filter { $0 != 0xFFFFFF }.count) / Double(max(pixels.count, 1))
    }
}

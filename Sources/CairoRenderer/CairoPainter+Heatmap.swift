import CCairo
import Foundation
import Plotting

extension CairoPainter {
    /// Vector outputs get images of about 2 pixels per point (each cell an s×s block): SVG viewers
    /// ignore cairo's NEAREST filter and would blur a cell-sized image (docs/toolchain.md §6.6).
    static let vectorPixelsPerPoint = 2.0

    /// An RGB24 image surface of `columns × rows` cells, each `sx × sy` pixels, coloured by `color(r, c)`.
    func cellImage(rows: Int, columns: Int, sx: Int, sy: Int, color: (Int, Int) -> RGBColor) -> OpaquePointer {
        let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns * sx), Int32(rows * sy))!
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        if let data = cairo_image_surface_get_data(image) {
            for r in 0..<rows {
                var rowPixels = [UInt32](repeating: 0, count: columns * sx)
                for c in 0..<columns {
                    let value = 0xFF00_0000 | color(r, c).hexValue
                    for k in 0..<sx { rowPixels[c * sx + k] = value }
                }
                for k in 0..<sy {
                    let line = UnsafeMutableRawPointer(data + (r * sy + k) * stride).assumingMemoryBound(to: UInt32.self)
                    rowPixels.withUnsafeBufferPointer { line.update(from: $0.baseAddress!, count: columns * sx) }
                }
            }
        }
        cairo_surface_mark_dirty(image)
        return image
    }

    /// Paints `image` (w × h pixels) into `rect` with the given filter.
    func paintImage(_ image: OpaquePointer, in rect: LayoutRect, filter: cairo_filter_t) {
        let w = Double(cairo_image_surface_get_width(image)), h = Double(cairo_image_surface_get_height(image))
        cairo_save(cr)
        cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.minX, rect.minY)
        cairo_scale(cr, rect.width / w, rect.height / h)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), filter)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// The heatmap as crisp cells: nearest-neighbour, pre-upscaled for vector outputs.
    func paintHeatmap(_ h: Heatmap, _ layout: AxesLayout) {
        let a = layout.point(h.xLower, h.yUpper), b = layout.point(h.xUpper, h.yLower)
        let rect = LayoutRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        var sx = 1, sy = 1
        if vectorOutput {
            sx = max(1, Int((Self.vectorPixelsPerPoint * rect.width / Double(h.columns)).rounded(.up)))
            sy = max(1, Int((Self.vectorPixelsPerPoint * rect.height / Double(h.rows)).rounded(.up)))
        }
        let image = cellImage(rows: h.rows, columns: h.columns, sx: sx, sy: sy) { r, c in
            // Image row 0 is the top of the rectangle.
            let row = h.firstRowAtTop ? r : h.rows - 1 - r
            return h.color(row: row, column: c)
        }
        defer { cairo_surface_destroy(image) }
        paintImage(image, in: rect, filter: CAIRO_FILTER_NEAREST)
    }

    /// Gradient bar (every entry of the map, smoothly interpolated), hairline outline, ticks, labels.
    func paintColorBar(_ bar: ColorBarLayout) {
        let map = bar.scale.map.colorMap
        let n = map.entries.count
        let image = cellImage(rows: n, columns: 1, sx: 1, sy: 1) { r, _ in map.entries[n - 1 - r] }
        defer { cairo_surface_destroy(image) }
        paintImage(image, in: bar.bar, filter: CAIRO_FILTER_BILINEAR)
        cairo_save(cr)
        setColor(style.spineColor)
        cairo_set_line_width(cr, style.spineWidthPoints * 0.75)
        cairo_rectangle(cr, bar.bar.minX, bar.bar.minY, bar.bar.width, bar.bar.height)
        cairo_stroke(cr)
        cairo_set_line_width(cr, style.spineWidthPoints)
        for tick in bar.ticks {
            strokeSegment(LayoutPoint(x: bar.bar.maxX, y: tick.position),
                          LayoutPoint(x: bar.bar.maxX + style.tickLengthPoints, y: tick.position))
        }
        cairo_restore(cr)
        for tick in bar.ticks { if let label = tick.label { text.draw(label, on: cr) } }
        if let label = bar.label { text.draw(label, on: cr) }
    }
}

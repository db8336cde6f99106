import CCairo
import CPangoCairo
import Foundation
import Plotting

/// Text through Pango on a cairo context: one font family chosen explicitly (the style's, "DejaVu Sans"),
/// sizes in points (absolute size in user units; every surface draws in points), Pango markup with a
/// plain-text fallback for strings that are not valid markup.
///
/// Hinting of metrics is switched off, so advance widths do not depend on the device scale: a label
/// measures the same on the 300-dpi PNG, the SVG and the PDF, and the layout computed once fits all.
final class PangoText: TextMeasurer {
    let fontFamily: String
    private let measuringSurface: OpaquePointer
    private let measuringContext: OpaquePointer
    private let fontOptions: OpaquePointer

    init(fontFamily: String) {
        self.fontFamily = fontFamily
        measuringSurface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4)
        measuringContext = cairo_create(measuringSurface)
        fontOptions = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(fontOptions, CAIRO_ANTIALIAS_GRAY)
    }

    deinit {
        cairo_font_options_destroy(fontOptions)
        cairo_destroy(measuringContext)
        cairo_surface_destroy(measuringSurface)
    }

    /// A Pango layout for `markup` on `cr`; the caller unrefs it.
    private func makeLayout(_ cr: OpaquePointer, _ markup: String, size: Double, bold: Bool) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cr)!
        let context = pango_layout_get_context(layout)
        pango_cairo_context_set_font_options(context, fontOptions)
        // 72 dpi: one markup point (`size=`, `<sup>`, `<small>`) is one user unit, like the absolute
        // size of the base font; Pango's default 96 dpi would scale markup sizes by 4/3.
        pango_cairo_context_set_resolution(context, 72)
        pango_layout_context_changed(layout)
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, fontFamily)
        pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        let expanded = Self.expandingScripts(markup, size: size)
        if Self.isValidMarkup(expanded) {
            pango_layout_set_markup(layout, expanded, -1)
        } else {
            pango_layout_set_text(layout, markup, -1)
        }
        return layout
    }

    /// `<sup>`/`<sub>` as explicit spans: 70 % size, raised by 0.38 em or lowered by 0.12 em. Pango 1.50's
    /// own `<sup>` scales from the font's default size, not from our absolute size, and came out larger
    /// than the base text.
    static func expandingScripts(_ markup: String, size: Double) -> String {
        guard markup.contains("<su") else { return markup }
        let small = Int((0.7 * size * 1024).rounded())
        let up = Int((0.38 * size * 1024).rounded()), down = Int((-0.12 * size * 1024).rounded())
        return markup
            .replacingOccurrences(of: "<sup>", with: "<span size=\"\(small)\" rise=\"\(up)\">")
            .replacingOccurrences(of: "<sub>", with: "<span size=\"\(small)\" rise=\"\(down)\">")
            .replacingOccurrences(of: "</sup>", with: "</span>")
            .replacingOccurrences(of: "</sub>", with: "</span>")
    }

    static func isValidMarkup(_ markup: String) -> Bool {
        var error: UnsafeMutablePointer<GError>?
        let ok = pango_parse_markup(markup, -1, 0, nil, nil, nil, &error)
        if let error { g_error_free(error) }
        return ok != 0
    }

    /// Logical extents in points: (x, y, width, height).
    private func extents(_ layout: OpaquePointer) -> (x: Double, y: Double, width: Double, height: Double) {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let scale = Double(PANGO_SCALE)
        return (Double(logical.x) / scale, Double(logical.y) / scale, Double(logical.width) / scale,
                Double(logical.height) / scale)
    }

    func measure(_ markup: String, sizePoints: Double, bold: Bool) -> TextSize {
        let layout = makeLayout(measuringContext, markup, size: sizePoints, bold: bold)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let e = extents(layout)
        return TextSize(width: e.width, height: e.height)
    }

    /// Draws `text` aligned on its anchor (the box is recomputed from the actual extents, so alignment
    /// is exact even if the layout used another measurer).
    func draw(_ text: PlacedText, on cr: OpaquePointer) {
        draw(text.text, anchor: text.anchor, text.horizontal, text.vertical, size: text.sizePoints, bold: text.bold,
             rotated: text.rotated, color: text.color, on: cr)
    }

    func draw(_ markup: String, anchor: LayoutPoint, _ horizontal: HorizontalAlignment, _ vertical: VerticalAlignment,
              size: Double, bold: Bool = false, rotated: Bool = false, color: RGBColor, on cr: OpaquePointer) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        let layout = makeLayout(cr, markup, size: size, bold: bold)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let e = extents(layout)
        let boxWidth = rotated ? e.height : e.width
        let boxHeight = rotated ? e.width : e.height
        var x = anchor.x, y = anchor.y
        switch horizontal {
        case .left: break
        case .center: x -= boxWidth / 2
        case .right: x -= boxWidth
        }
        switch vertical {
        case .top: break
        case .middle: y -= boxHeight / 2
        case .bottom: y -= boxHeight
        }
        let c = color.fractions
        cairo_set_source_rgb(cr, c.red, c.green, c.blue)
        if rotated {
            cairo_translate(cr, x, y + boxHeight)
            cairo_rotate(cr, -Double.pi / 2)
        } else {
            cairo_translate(cr, x, y)
        }
        cairo_move_to(cr, -e.x, -e.y)
        pango_cairo_update_layout(cr, layout)
        pango_cairo_show_layout(cr, layout)
    }

    /// Size of `markup` as drawn by ``draw(_:anchor:_:_:size:bold:rotated:color:on:)``.
    func boxSize(_ markup: String, size: Double, bold: Bool = false) -> TextSize {
        measure(markup, sizePoints: size, bold: bold)
    }
}

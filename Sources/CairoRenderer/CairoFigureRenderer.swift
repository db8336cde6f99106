import CCairo
import CPangoCairo
import Foundation
import Plotting

/// Renders a ``FigureSpec`` with cairo (PNG, SVG, PDF from the same drawing code) and Pango (text).
///
/// Steps: validate the spec (``FigureValidator``, typed ``FigureError``s for empty or non-finite data,
/// zero size…) → lay it out with Pango metrics (``LayoutEngine``) → draw on a surface in points →
/// encode. Output is deterministic: PNG has no time chunk, PDF dates are pinned, SVG ids are
/// canonicalised (``SVGCanonicalizer``), so equal figures give equal bytes.
public struct CairoFigureRenderer: FigureRenderer {
    public init() {}

    /// The drawing libraries' versions, "cairo 1.16.0, pango 1.50.12": equal specs give equal bytes
    /// with equal versions (and fonts), so stored renderings are keyed by it (the step cache of `run`).
    public static var libraryVersions: String {
        "cairo \(String(cString: cairo_version_string())), pango \(String(cString: pango_version_string()))"
    }

    /// The layout used for drawing (Pango metrics of the figure's font).
    public func layout(for figure: FigureSpec) -> FigureLayout {
        LayoutEngine(measurer: PangoText(fontFamily: figure.style.fontFamily)).layout(figure)
    }

    public func data(for figure: FigureSpec, format: FigureFormat, options: FigureRenderOptions = .print) throws -> Data {
        try FigureValidator.validate(figure)
        guard options.dpi.isFinite, options.dpi > 0 else { throw RenderError.invalidResolution(dpi: options.dpi) }
        let text = PangoText(fontFamily: figure.style.fontFamily)
        let layout = LayoutEngine(measurer: text).layout(figure)
        let surface = try CairoSurface(format: format, figure: figure, options: options)
        let painter = CairoPainter(cr: surface.context, text: text, style: figure.style,
                                   vectorOutput: format != .png)
        painter.paint(figure, layout: layout)
        return try surface.finish()
    }
}

/// Draws a laid-out figure on a cairo context whose user space is points.
struct CairoPainter {
    let cr: OpaquePointer
    let text: PangoText
    let style: FigureStyle
    /// SVG/PDF: heatmap images are upscaled before painting (viewers interpolate images).
    let vectorOutput: Bool

    func paint(_ figure: FigureSpec, layout: FigureLayout) {
        for panelLayout in layout.panels {
            let panel = figure.panels[panelLayout.index]
            switch (panel.content, panelLayout.content) {
            case let (.axes(axes), .axes(axesLayout)):
                paint(axes, axesLayout)
            case let (.stack(stack), .stack(layouts)):
                for (axes, axesLayout) in zip(stack.members, layouts) { paint(axes, axesLayout) }
            case let (.colorBar, .colorBar(barLayout)):
                paintColorBar(barLayout)
            case let (.circuit, .circuit(circuitLayout)):
                paintCircuit(circuitLayout)
            default:
                break
            }
            if let letter = panelLayout.letter { text.draw(letter, on: cr) }
        }
    }

    func setColor(_ color: RGBColor, opacity: Double = 1) {
        let c = color.fractions
        if opacity >= 1 {
            cairo_set_source_rgb(cr, c.red, c.green, c.blue)
        } else {
            cairo_set_source_rgba(cr, c.red, c.green, c.blue, max(opacity, 0))
        }
    }

    func apply(_ line: LineStyle) {
        setColor(line.color, opacity: line.opacity)
        cairo_set_line_width(cr, line.widthPoints)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, line.dash.usesRoundCaps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        let dashes = line.dash.unitLengths.map { $0 * max(line.widthPoints, 0.5) }
        cairo_set_dash(cr, dashes, Int32(dashes.count), 0)
    }

    func strokeSegment(_ a: LayoutPoint, _ b: LayoutPoint) {
        cairo_move_to(cr, a.x, a.y)
        cairo_line_to(cr, b.x, b.y)
        cairo_stroke(cr)
    }
}

import CCairo
import Foundation
import Plotting

/// Collects the bytes a cairo stream surface writes.
final class ByteSink {
    var data = Data()
}

/// The C write callback of cairo's `*_for_stream` functions: appends to the ``ByteSink`` in `closure`.
private let appendToSink: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

/// One drawing target: a cairo surface whose user space is points with the origin at the top-left of
/// the figure, for any of the three formats.
final class CairoSurface {
    /// Fixed PDF dates (the PDF would otherwise carry the time of rendering): ISO 8601, as cairo expects.
    static let pinnedPDFDate = "2000-01-01T00:00:00Z"
    /// Largest PNG side in pixels.
    static let maximumPixels = 20_000

    let format: FigureFormat
    let surface: OpaquePointer
    let context: OpaquePointer
    private let sink = ByteSink()

    init(format: FigureFormat, figure: FigureSpec, options: FigureRenderOptions) throws {
        self.format = format
        let widthPoints = figure.widthPoints, heightPoints = figure.heightPoints
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .png:
            let pixels = figure.pixelSize(dpi: options.dpi)
            guard pixels.width >= 1, pixels.height >= 1, pixels.width <= Self.maximumPixels,
                  pixels.height <= Self.maximumPixels else {
                throw RenderError.rasterTooLarge(width: pixels.width, height: pixels.height, maximum: Self.maximumPixels)
            }
            surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixels.width), Int32(pixels.height))
        case .svg:
            surface = cairo_svg_surface_create_for_stream(appendToSink, closure, widthPoints, heightPoints)
            cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(appendToSink, closure, widthPoints, heightPoints)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, figure.id)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "retina-report")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, Self.pinnedPDFDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, Self.pinnedPDFDate)
        }
        try Self.check(cairo_surface_status(surface), "creating the \(format.rawValue) surface")
        context = cairo_create(surface)
        try Self.check(cairo_status(context), "creating the drawing context")
        if format == .png {
            let pixels = figure.pixelSize(dpi: options.dpi)
            cairo_scale(context, Double(pixels.width) / widthPoints, Double(pixels.height) / heightPoints)
        }
        // White page: figures are read on white paper and in dark-mode viewers alike.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_rectangle(context, 0, 0, widthPoints, heightPoints)
        cairo_fill(context)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Finishes the surface and returns the encoded file.
    func finish() throws -> Data {
        try Self.check(cairo_status(context), "drawing the figure")
        switch format {
        case .png:
            cairo_surface_flush(surface)
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            try Self.check(cairo_surface_write_to_png_stream(surface, appendToSink, closure), "encoding the PNG")
            return sink.data
        case .svg:
            cairo_surface_finish(surface)
            try Self.check(cairo_surface_status(surface), "finishing the SVG")
            return SVGCanonicalizer.canonical(sink.data)
        case .pdf:
            cairo_surface_finish(surface)
            try Self.check(cairo_surface_status(surface), "finishing the PDF")
            return sink.data
        }
    }

    static func check(_ status: cairo_status_t, _ stage: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(stage: stage, status: String(cString: cairo_status_to_string(status)))
        }
    }
}

import ArrayIO
import Foundation
import Plotting

/// File formats a renderer writes.
public enum FigureFormat: String, Codable, Sendable, CaseIterable {
    /// Raster at ``FigureRenderOptions/dpi``.
    case png
    /// Vector; text as glyph outlines (cairo's SVG surface), heatmaps as pre-upscaled images.
    case svg
    /// Vector; text as embedded subset fonts (selectable), for journal submission.
    case pdf

    public var fileExtension: String { rawValue }
}

/// Rendering options (named so as not to clash with the report's own `RenderOptions`).
public struct FigureRenderOptions: Codable, Sendable, Equatable {
    /// Raster resolution of PNG output, dots per inch (300 = print, 150 = screen).
    public var dpi: Double

    public init(dpi: Double = 300) {
        self.dpi = dpi
    }

    public static let print = FigureRenderOptions(dpi: 300)
    public static let screen = FigureRenderOptions(dpi: 150)
}

/// Draws a ``FigureSpec`` into a file. The seam between the renderer-agnostic plot model and a drawing
/// backend (``CairoFigureRenderer``); the report only talks to this protocol.
public protocol FigureRenderer: Sendable {
    /// The encoded file (PNG/SVG/PDF bytes) of `figure`.
    func data(for figure: FigureSpec, format: FigureFormat, options: FigureRenderOptions) throws -> Data
}

extension FigureRenderer {
    /// The encoded file at print resolution (300 dpi for PNG).
    public func data(for figure: FigureSpec, format: FigureFormat) throws -> Data {
        try data(for: figure, format: format, options: .print)
    }

    /// Writes `figure` to `url` atomically (temporary file in the same folder, then rename): either the
    /// complete file exists afterwards or nothing was written (also when rendering fails).
    public func render(_ figure: FigureSpec, format: FigureFormat, to url: URL, options: FigureRenderOptions = .print) throws {
        let bytes = try data(for: figure, format: format, options: options)
        do {
            try AtomicFile.write(bytes, to: url)
        } catch ArrayIOError.cannotCreate(let path, let reason) {
            throw RenderError.cannotCreate(path: path, reason: reason)
        } catch ArrayIOError.writeFailed(let path, let reason) {
            throw RenderError.writeFailed(path: path, reason: reason)
        }
    }

    /// Writes `<folder>/<figure.id>.<ext>` for each format; returns the URLs in `formats` order.
    @discardableResult
    public func render(_ figure: FigureSpec, formats: [FigureFormat], in folder: URL,
                       options: FigureRenderOptions = .print) throws -> [URL] {
        try formats.map { format in
            let url = folder.appendingPathComponent(figure.id).appendingPathExtension(format.fileExtension)
            try render(figure, format: format, to: url, options: options)
            return url
        }
    }
}

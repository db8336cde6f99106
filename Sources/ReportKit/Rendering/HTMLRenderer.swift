import Foundation

/// Renders a ``ReportDocument`` as ONE self-contained HTML file (`report.html`).
///
/// The page needs nothing beside it: the stylesheet (``ReportStyle/css``) is inline, every figure's
/// PNG (or, lacking one, its SVG) is embedded as a `data:` URI, there are no scripts, fonts or other
/// external resources, so the file opens correctly from an e-mail attachment. SVG and PDF files are
/// additionally linked by relative path (those links work when the run folder is at hand). All text
/// is HTML-escaped; links with schemes other than http, https and mailto are dropped. A figure whose
/// files are missing is shown as a visible placeholder and reported in ``RenderedHTML/warnings`` —
/// rendering never fails, so a report is written even for a partly failed run.
public struct HTMLRenderer: Sendable {
    /// Folder the figure paths are relative to (normally the run folder being written).
    public var assetRoot: URL
    public var options: RenderOptions
    /// The stylesheet placed in `<style>`.
    public var stylesheet: String

    public init(assetRoot: URL, options: RenderOptions = RenderOptions(), stylesheet: String = ReportStyle.css) {
        self.assetRoot = assetRoot
        self.options = options
        self.stylesheet = stylesheet
    }

    /// The HTML page for `document`, plus warnings about figures that could not be embedded.
    public func render(_ document: ReportDocument) -> RenderedHTML {
        var state = HTMLRenderState(index: document.index(), options: options, assetRoot: assetRoot)
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        if let c = document.colophon {
            h += "<meta name=\"generator\" content=\"" + HTMLEscaping.escape(c.toolName + " " + c.toolVersion) + "\">\n"
        }
        h += "<title>" + HTMLEscaping.escape(document.title) + "</title>\n"
        h += "<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
        h += "<header class=\"title-block\">\n<h1>" + HTMLEscaping.escape(document.title) + "</h1>\n"
        if !document.metadata.isEmpty {
            h += "<dl class=\"meta\">\n"
            for line in document.metadata {
                h += "<dt>" + HTMLEscaping.escape(line.label) + "</dt><dd>" + state.inline(line.value) + "</dd>\n"
            }
            h += "</dl>\n"
        }
        h += "</header>\n"
        if options.tocDepth > 0 && !document.sections.isEmpty {
            h += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n"
            h += state.toc(document.sections, prefix: "", depth: 1)
            h += "</nav>\n"
        }
        h += "<main>\n"
        for (i, section) in document.sections.enumerated() {
            state.section(section, number: "\(i + 1)", depth: 1)
        }
        h += state.out
        h += "</main>\n"
        if let c = document.colophon {
            h += "<footer class=\"colophon\">" + HTMLEscaping.escape(c.text) + "</footer>\n"
        }
        h += "</body>\n</html>\n"
        return RenderedHTML(html: h, warnings: state.warnings)
    }
}

/// The output of ``HTMLRenderer/render(_:)``.
public struct RenderedHTML: Hashable, Sendable {
    /// The complete page, UTF-8 text.
    public var html: String
    /// One line per figure file that could not be embedded (missing or unreadable), naming the path.
    public var warnings: [String]
}

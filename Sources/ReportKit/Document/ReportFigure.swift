/// A figure: image files in the run folder, a caption and alt text.
///
/// Figures are numbered "Figure 1", "Figure 2", … in document order by the renderers; the anchor is
/// `fig-<id>`. File paths are relative to the run folder (`figures/fig03-osr-traces.png`). The HTML
/// renderer embeds the PNG (or, lacking one, the SVG) as a data URI and links the SVG and PDF files;
/// the Markdown renderer shows the PNG and links the others.
public struct ReportFigure: Hashable, Codable, Sendable {
    /// Stable id (a slug such as `osr-traces`), unique within the document.
    public var id: String
    /// Caption shown after "Figure N.". State units and what each panel shows.
    public var caption: RichText
    /// Alternative text for readers who cannot see the image; defaults to the caption's plain text.
    public var altText: String
    /// Files of this figure, relative to the run folder.
    public var files: Files
    /// Intended printed width in millimetres (89 single column, 183 double), or `nil` to fit the page.
    public var widthMillimetres: Double?

    /// The image files of one figure, as paths relative to the run folder.
    public struct Files: Hashable, Codable, Sendable {
        public var png: String?
        public var svg: String?
        public var pdf: String?

        public init(png: String? = nil, svg: String? = nil, pdf: String? = nil) {
            self.png = png
            self.svg = svg
            self.pdf = pdf
        }

        /// `figures/<stem>.png|svg|pdf`, with PDF only when `includePDF`.
        public static func standard(stem: String, includePDF: Bool = false) -> Files {
            Files(png: "figures/\(stem).png", svg: "figures/\(stem).svg",
                  pdf: includePDF ? "figures/\(stem).pdf" : nil)
        }

        /// Every non-nil path, PNG first.
        public var all: [String] { [png, svg, pdf].compactMap { $0 } }
    }

    public init(id: String, caption: RichText, altText: String? = nil, files: Files,
                widthMillimetres: Double? = nil) {
        self.id = id
        self.caption = caption
        self.altText = altText ?? caption.plainText
        self.files = files
        self.widthMillimetres = widthMillimetres
    }
}

import Foundation

extension RunFolder {
    /// File names of the two report renderings inside the run folder.
    public static let markdownReportName = "report.md"
    public static let htmlReportName = "report.html"

    /// Renders `document` as `report.md` and the self-contained `report.html` into this folder
    /// (figures must already be written, since the HTML embeds them) and records both as outputs.
    /// - Returns: warnings from rendering (figures that could not be embedded), to be added to the
    ///   manifest's warnings.
    @discardableResult
    public func writeReport(_ document: ReportDocument, options: RenderOptions = RenderOptions(),
                            producedBy: String = "report") throws -> [String] {
        let markdown = MarkdownRenderer(options: options).render(document)
        try write(text: markdown, to: Self.markdownReportName, producedBy: producedBy)
        let html = HTMLRenderer(assetRoot: partialURL, options: options).render(document)
        try write(text: html.html, to: Self.htmlReportName, producedBy: producedBy)
        return html.warnings
    }
}

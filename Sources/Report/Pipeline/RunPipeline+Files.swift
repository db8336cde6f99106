import CairoRenderer
import Figures
import Foundation
import Mechanisms
import Plotting
import ReportKit

extension RunPipeline {
    /// Writes an analysis's data files under `relativeFolder` and records them as outputs.
    static func export<K: PhenomenonAnalysis>(_ result: MechanismAnalysis<K>, to relativeFolder: String,
                                              in folder: RunFolder) throws -> [String] {
        let url = try folder.folderURL(for: relativeFolder)
        let names = try AnalysisExport.write(result, to: url)
        let producer = "analysis: \(K.id.rawValue)"
        return try names.sorted().map { name in
            let path = relativeFolder + "/" + name
            _ = try folder.recordFile(path, producedBy: producer)
            return path
        }
    }

    /// Renders one figure in every format into `figures/` and records the files.
    static func render(_ spec: FigureSpec, renderer: CairoFigureRenderer, formats: [FigureFormat],
                       options: FigureRenderOptions, in folder: RunFolder) throws -> ReportFigure {
        _ = try folder.folderURL(for: "figures")
        var files = ReportFigure.Files()
        for format in formats {
            let relative = "figures/\(spec.id).\(format.fileExtension)"
            try renderer.render(spec, format: format, to: try folder.url(for: relative), options: options)
            _ = try folder.recordFile(relative, producedBy: "figure \(spec.id)")
            switch format {
            case .png: files.png = relative
            case .svg: files.svg = relative
            case .pdf: files.pdf = relative
            }
        }
        return ReportFigure(id: spec.id, caption: RichText(spec.caption), files: files, widthMillimetres: spec.widthMillimetres)
    }
}

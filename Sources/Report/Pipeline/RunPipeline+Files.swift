import CairoRenderer
import Figures
import Foundation
import Mechanisms

extension RunPipeline {
    /// Writes an analysis's data files under `relativeFolder` and records them as outputs.
    static func export(_ outcome: AnalysisOutcome, to relativeFolder: String, in folder: RunFolder) throws -> [String] {
        let url = try folder.url(for: relativeFolder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let names: [String]
        switch outcome {
        case let .osr(r): names = try AnalysisExport.write(r, to: url)
        case let .latency(r): names = try AnalysisExport.write(r, to: url)
        case let .reversal(r): names = try AnalysisExport.write(r, to: url)
        case let .anticipation(r): names = try AnalysisExport.write(r, to: url)
        case .failed: names = []
        }
        let producer = "analysis: \(outcome.phenomenon.rawValue)"
        return try names.sorted().map { name in
            let path = relativeFolder + "/" + name
            _ = try folder.recordFile(path, producedBy: producer)
            return path
        }
    }

    /// Catalogue figures of an analysis, rendered into `figures/`.
    static func figures(for outcome: AnalysisOutcome, config: RunConfiguration, renderer: CairoFigureRenderer,
                        formats: [FigureFormat], options: FigureRenderOptions, in folder: RunFolder) throws -> [ReportFigure] {
        let specs: [FigureSpec]
        switch outcome {
        case let .osr(r): specs = try FigureCatalogue.figures(for: r, parameters: config.osr)
        case let .latency(r): specs = try FigureCatalogue.figures(for: r, parameters: config.latency)
        case let .reversal(r): specs = try FigureCatalogue.figures(for: r, parameters: config.reversal)
        case let .anticipation(r): specs = try FigureCatalogue.figures(for: r, parameters: config.anticipation)
        case .failed: specs = []
        }
        return try specs.map { try render($0, renderer: renderer, formats: formats, options: options, in: folder) }
    }

    /// Renders one figure in every format into `figures/` and records the files.
    static func render(_ spec: FigureSpec, renderer: CairoFigureRenderer, formats: [FigureFormat],
                       options: FigureRenderOptions, in folder: RunFolder) throws -> ReportFigure {
        let figuresURL = try folder.url(for: "figures")
        try FileManager.default.createDirectory(at: figuresURL, withIntermediateDirectories: true)
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

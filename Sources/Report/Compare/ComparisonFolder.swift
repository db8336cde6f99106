import ArrayIO
import CairoRenderer
import Figures
import Foundation
import Phenomena
import ReportKit
import RetinaCore

/// `retina-report compare`: reads two run folders, compares them (``RunComparison``) and writes one
/// comparison folder — `report.md`, the self-contained `report.html`, `figures/compare-<p>-curve.*`,
/// `comparison.json` and `manifest.json` — through ``ReportKit/RunFolder``: built under a hidden
/// temporary name and renamed into place whole, so a refusal or failure leaves no folder at all.
public enum ComparisonFolder {
    public static let dataFileName = "comparison.json"

    public struct Options: Sendable {
        public var runA: String
        public var runB: String
        /// The comparison folder itself; default `Reports/compare-<A>-vs-<B>`.
        public var output: String?
        public var sharedOnly: Bool
        /// Replace an existing comparison folder (never anything else).
        public var overwrite: Bool
        public var formats: [FigureFormat]
        public var dpi: Double

        public init(runA: String, runB: String, output: String? = nil, sharedOnly: Bool = false, overwrite: Bool = false,
                    formats: [FigureFormat] = [.png, .svg], dpi: Double = 130) {
            self.runA = runA; self.runB = runB; self.output = output; self.sharedOnly = sharedOnly; self.overwrite = overwrite
            self.formats = formats; self.dpi = dpi
        }
    }

    public struct Outcome: Sendable {
        public var folder: URL
        public var comparison: RunComparison
    }

    /// Reads, compares and writes. Every refusal (not a run folder, different phenomena or protocol,
    /// an existing output without `--overwrite`) is thrown before the folder is created.
    public static func write(_ o: Options, argv: [String], now: Date = Date()) throws -> Outcome {
        let a = try RunFolderReader.read(o.runA), b = try RunFolderReader.read(o.runB)
        let comparison = try RunComparison.make(a, b, sharedOnly: o.sharedOnly)
        let target = URL(fileURLWithPath: o.output ?? "Reports/compare-\(a.runID)-vs-\(b.runID)").standardizedFileURL
        let id = try RunID(validating: target.lastPathComponent)
        var info = stat()
        if lstat(target.path, &info) == 0 {
            guard o.overwrite else { throw ComparisonError.outputExists(path: target.path) }
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            guard isFolder, FileManager.default.fileExists(atPath: target.appendingPathComponent(dataFileName).path) else {
                throw ComparisonError.outputNotAComparison(path: target.path)
            }
        }
        let folder = try RunFolder.create(in: target.deletingLastPathComponent(), runID: id, replacingExisting: o.overwrite)
        do {
            let renderer = CairoFigureRenderer()
            let options = FigureRenderOptions(dpi: o.dpi)
            let formats = Array(Set(o.formats + [.png])).sorted { $0.rawValue < $1.rawValue }
            var figures: [Phenomenon: ReportFigure] = [:]
            for (x, y) in zip(comparison.snapshotsA, comparison.snapshotsB) {
                let spec = try FigureCatalogue.comparisonCurves(
                    phenomenon: x.phenomenon.rawValue, title: x.title,
                    a: RunHeadlineCurves(run: .a, label: "A", full: x.fullCurves, reduced: x.reducedCurves),
                    b: RunHeadlineCurves(run: .b, label: "B", full: y.fullCurves, reduced: y.reducedCurves))
                figures[x.phenomenon] = try RunPipeline.render(spec, renderer: renderer, formats: formats, options: options, in: folder)
            }
            try folder.write(try StableJSON.encode(comparison) + Data("\n".utf8), to: dataFileName, producedBy: "comparison")
            let software = SoftwareInfo.detect(repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let document = ComparisonAssembler.document(comparison, figures: figures, commandLine: argv.joined(separator: " "),
                                                        createdUTC: now, comparisonID: id.rawValue, gitCommit: software.gitCommit)
            let warnings = try folder.writeReport(document, producedBy: "comparison report")
            let inputs = try [(a, "run A manifest"), (b, "run B manifest")].map { run, role in
                try InputRecord.hashing(role: role, fileAt: URL(fileURLWithPath: run.path).appendingPathComponent(RunManifest.fileName))
            }
            let parameters: JSONValue = ["command": "compare", "runA": .string(o.runA), "runB": .string(o.runB),
                                         "shared": .bool(o.sharedOnly), "overwrite": .bool(o.overwrite),
                                         "formats": .array(formats.map { .string($0.rawValue) }), "dpi": .number(o.dpi)]
            _ = try folder.writeManifest(RunManifest(runId: id, createdUTC: now, argv: argv, parameters: parameters, seed: 0,
                                                     software: software, inputs: inputs, warnings: warnings))
            return Outcome(folder: try folder.commit(), comparison: comparison)
        } catch {
            folder.abandon(.remove)
            throw error
        }
    }
}

import CairoRenderer
import Figures
import Foundation
import Mechanisms
import ModelCards
import Phenomena
import Plotting
import RetinaCNN
import RetinaSimulation
import XCTest

/// Renders every catalogue figure of a trained model to `Reports/samples/catalogue/` (PNG, 150 dpi)
/// when `CATALOGUE_SAMPLES=1` (otherwise skipped). The model is `CATALOGUE_MODEL` (default
/// `/work/runs/A.safetensors`), the ground truth `SimulatedRetina()`, the protocols the Tanaka presets.
/// The four analyses (minutes at paper size) are cached as JSON in `CATALOGUE_CACHE` (default
/// `/tmp/catalogue-samples`), so figures can be re-rendered in seconds:
///
///     CATALOGUE_SAMPLES=1 swift test --skip-build --filter CatalogueSampleRecorder
final class CatalogueSampleRecorder: XCTestCase {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Reports/samples/catalogue")
    }

    private func cached<T: Codable>(_ name: String, in cache: URL, _ compute: () throws -> T) throws -> T {
        let url = cache.appendingPathComponent("\(name).json")
        if let data = try? Data(contentsOf: url) { return try JSONDecoder().decode(T.self, from: data) }
        let start = Date()
        let value = try compute()
        print(String(format: "analysis %@: %.0f s", name, Date().timeIntervalSince(start)))
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(value).write(to: url, options: .atomic)
        return value
    }

    func testRecordCatalogueSamples() throws {
        let env = ProcessInfo.processInfo.environment
        try XCTSkipUnless(env["CATALOGUE_SAMPLES"] == "1", "set CATALOGUE_SAMPLES=1 to write Reports/samples/catalogue/")
        let modelURL = URL(fileURLWithPath: env["CATALOGUE_MODEL"] ?? "/work/runs/A.safetensors")
        let cache = URL(fileURLWithPath: env["CATALOGUE_CACHE"] ?? "/tmp/catalogue-samples")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)

        let (model, metadata) = try BNCNN.load(contentsOf: modelURL)
        let card = try ModelCard.from(metadata: metadata)
        let truth = SimulatedRetina()
        let settings = MechanismAnalysisSettings(traceSmoothingSigmaMs: 20, referenceKernels: GroundTruthReferenceKernels.kernels())
        let osr = try cached("osr", in: cache) { try OmittedStimulusResponse.analyse(model: model, settings: settings, groundTruth: truth) }
        let latency = try cached("latency", in: cache) { try LatencyCoding.analyse(model: model, settings: settings, groundTruth: truth) }
        let reversal = try cached("reversal", in: cache) { try MotionReversal.analyse(model: model, settings: settings, groundTruth: truth) }
        let anticipation = try cached("anticipation", in: cache) {
            try MotionAnticipation.analyse(model: model, settings: settings, groundTruth: truth)
        }
        let figures = try FigureCatalogue.modelFigures(channelTypes: osr.channelTypes, card: card)
            + FigureCatalogue.figures(for: osr) + FigureCatalogue.figures(for: latency)
            + FigureCatalogue.figures(for: reversal) + FigureCatalogue.figures(for: anticipation)
        let only = env["CATALOGUE_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
        let renderer = CairoFigureRenderer()
        var captions = ""
        let selected = figures.filter { only?.contains($0.id) ?? true }
        XCTAssertFalse(selected.isEmpty, "CATALOGUE_ONLY selects no figure of \(figures.map(\.id))")
        for figure in selected {
            let url = try renderer.render(figure, formats: [.png], in: Self.folder, options: .screen)[0]
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            print("sample \(figure.id).png: \(figure.widthMillimetres)×\(figure.heightMillimetres) mm, \(size / 1024) KB")
            XCTAssertLessThan(size, 200 * 1024, "\(figure.id).png exceeds the 200 KB sample budget")
            captions += "## \(figure.id)\n\n\(figure.caption)\n\n"
        }
        try captions.write(to: cache.appendingPathComponent("captions.md"), atomically: true, encoding: .utf8)
    }
}

import CairoRenderer
import Figures
import Foundation
import XCTest

/// Writes one sample per builder to `Reports/samples/` (PNG at 150 dpi and SVG) when the environment
/// variable `RECORD_SAMPLES=1` is set; otherwise skipped:
///
///     RECORD_SAMPLES=1 swift test --skip-build --filter SampleRecorder
final class SampleRecorder: XCTestCase {
    static var samplesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reports/samples")
    }

    func testRecordSamples() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["RECORD_SAMPLES"] == "1", "set RECORD_SAMPLES=1 to write Reports/samples/")
        let folder = Self.samplesFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let renderer = CairoFigureRenderer()
        for figure in try SyntheticFigures.all() {
            for format in [FigureFormat.png, .svg] {
                let start = Date()
                let url = folder.appendingPathComponent(figure.id).appendingPathExtension(format.fileExtension)
                try renderer.render(figure, format: format, to: url, options: .screen)
                let ms = Date().timeIntervalSince(start) * 1000
                let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
                print(String(format: "sample %@.%@: %.1f ms, %d bytes", figure.id, format.rawValue, ms, size))
            }
        }
    }
}

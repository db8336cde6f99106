import CairoRenderer
import Foundation
import Plotting
import XCTest

/// Writes one sample per builder to `Reports/samples/` (PNG at 150 dpi and SVG) when the environment
/// variable `RECORD_SAMPLES=1` is set (otherwise skipped), and prints render time and size per file:
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
        // One sample per builder (PNG + SVG) and the all-elements figure (PNG only: its SVG exceeds the
        // 150 KB budget of committed samples, mostly glyph outlines).
        let jobs = try SyntheticFigures.all().map { ($0, [FigureFormat.png, .svg]) } + [(KitchenSinkFigure.make(), [FigureFormat.png])]
        for (figure, formats) in jobs {
            for format in formats {
                let start = Date()
                let url = folder.appendingPathComponent(figure.id).appendingPathExtension(format.fileExtension)
                try renderer.render(figure, format: format, to: url, options: .screen)
                let ms = Date().timeIntervalSince(start) * 1000
                let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
                XCTAssertGreaterThan(size, 0, url.lastPathComponent)
                print(String(format: "sample %@.%@: %.1f ms, %d bytes", figure.id, format.rawValue, ms, size))
            }
        }
    }
}

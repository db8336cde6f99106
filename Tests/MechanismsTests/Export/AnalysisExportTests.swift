import XCTest
import Foundation
import ArrayIO
import RetinaCore
import Phenomena
import TestSupport
@testable import Mechanisms

final class AnalysisExportTests: XCTestCase {
    private let fast = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func lines(_ name: String) throws -> [[String]] {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// OSR on the planted full-field toy with the toy as ground truth: every file parses, the trace
    /// table has one row per condition × series × row, the attributions are `[windows, channels]`
    /// and sum to r(s) − r(0) + gap, and metrics.json decodes to the same metrics.
    func testOSRExportFilesParseAndRoundTrip() throws {
        let net = PlantedCircuit.network()
        let result = try OmittedStimulusResponse.analyse(model: net, settings: fast, groundTruth: ToyResponseModel(net: net))
        let names = try AnalysisExport.write(result, to: folder)
        XCTAssertEqual(names, ["traces.csv", "attribution.npy", "effective_weights.npy", "drive.npy", "attribution_index.csv", "metrics.json"])

        let traces = try lines(AnalysisExport.tracesFile)
        XCTAssertEqual(traces[0], ["condition", "parameter", "parameter_unit", "model", "cell", "time_ms", "frame", "rate_hz"])
        let rows = result.conditions.reduce(0) { $0 + $1.fullHz.count }
        let series = 1 + result.cells.count + 1 + 1   // full mean, full per cell, reduced, ground truth
        XCTAssertEqual(traces.count - 1, rows * series)
        let c0 = result.conditions[0], first = traces[1]
        XCTAssertEqual(first[0], c0.label); XCTAssertEqual(first[2], "ms"); XCTAssertEqual(first[3], "full"); XCTAssertEqual(first[4], "mean")
        XCTAssertEqual(Double(first[1]), c0.parameter.value)
        XCTAssertEqual(Int(first[6]), c0.clock.firstRowFrame)
        // Time zero is the omitted flash: time_ms = (frame − omitted flash onset) × 10.
        let omitted = try XCTUnwrap(c0.eventFrame)
        XCTAssertEqual(c0.eventName, "omitted flash onset")
        XCTAssertEqual(Int(first[5]), (c0.clock.firstRowFrame - omitted) * 10)
        XCTAssertEqual(try XCTUnwrap(Double(first[7])), Double(c0.fullHz[0]), accuracy: 5.1e-5)
        XCTAssertEqual(Set(traces.dropFirst().map { $0[3] }), ["full", "reduced", "ground_truth"])
        XCTAssertEqual(traces.dropFirst().filter { $0[4] == "0" }.count, rows, "per-cell rows for the full model only")

        let a = try NPYArray.read(contentsOf: folder.appendingPathComponent(AnalysisExport.attributionFile))
        let windows = result.conditions.reduce(0) { $0 + ($1.explainedRows?.count ?? 0) }
        XCTAssertEqual(windows, rows, "full-field conditions are explained on every row")
        XCTAssertEqual(a.shape, [windows, PlantedCircuit.geometry.channels])
        let g = try NPYArray.read(contentsOf: folder.appendingPathComponent(AnalysisExport.effectiveWeightsFile))
        let d = try NPYArray.read(contentsOf: folder.appendingPathComponent(AnalysisExport.driveFile))
        XCTAssertEqual(g.shape, a.shape); XCTAssertEqual(d.shape, a.shape)
        let index = try lines(AnalysisExport.attributionIndexFile)
        XCTAssertEqual(index[0], AnalysisExport.attributionIndexColumns)
        XCTAssertEqual(index.count - 1, windows)
        let channels = a.shape[1]
        for i in stride(from: 0, to: windows, by: 7) {
            let row = index[i + 1]
            XCTAssertEqual(Int(row[0]), i)
            let sum = (0..<channels).reduce(0.0) { $0 + Double(a.values[i * channels + $1]) }
            let target = try XCTUnwrap(Double(row[7])), baseline = try XCTUnwrap(Double(row[8])), gap = try XCTUnwrap(Double(row[9]))
            XCTAssertEqual(sum, target - baseline + gap, accuracy: 2e-4, "row \(i)")
            for c in 0..<channels {
                XCTAssertEqual(a.values[i * channels + c], g.values[i * channels + c] * d.values[i * channels + c],
                               accuracy: 1e-4 * max(1, abs(a.values[i * channels + c])))
            }
        }

        let metrics = try StableJSON.read(AnalysisMetricsFile<OmittedStimulusResponse>.self,
                                          contentsOf: folder.appendingPathComponent(AnalysisExport.metricsFile))
        XCTAssertEqual(metrics.phenomenon, .osr)
        XCTAssertEqual(metrics.fullMetric, result.fullMetric)
        XCTAssertEqual(metrics.reducedMetric, result.reducedMetric)
        XCTAssertEqual(metrics.groundTruthMetric, result.groundTruthMetric)
        XCTAssertEqual(metrics.perCellFullMetrics, result.perCellFullMetrics)
        XCTAssertEqual(metrics.metricRows, result.metricRows)
        XCTAssertEqual(metrics.completeness, result.completeness)
        XCTAssertEqual(metrics.reducedModel, result.reduction.model)
        XCTAssertEqual(metrics.keptUnits, result.reduction.kept.map(\.description))
        XCTAssertEqual(metrics.conditionFits.count, result.conditions.count)
        XCTAssertEqual(metrics.channelTypes.map(\.label), result.channelTypes.types.map(\.label))
        XCTAssertEqual(metrics.statement, result.statement)
        XCTAssertEqual(metrics.settings, result.settings)
        // Sorted keys: the file is the stable encoding.
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(AnalysisExport.metricsFile)),
                       try StableJSON.encode(AnalysisMetricsFile(result)) + Data("\n".utf8))
    }

    /// Reversal on the bar toy: attributions are `[windows, channels, columns]` over the explained
    /// rows only (the importance window, −100 … 450 ms around the reversal), and the index maps each to its condition row and
    /// its time after the reversal.
    func testBarExportCoversTheExplainedRows() throws {
        let net = PlantedBarCircuit.network()
        let parameters = TinyBarProtocols.reversal(speeds: [0.3])
        let result = try MotionReversal.analyse(model: net, parameters: parameters, settings: fast, rfCentreX: 6)
        let names = try AnalysisExport.write(result, to: folder)
        XCTAssertTrue(names.contains(AnalysisExport.attributionFile))
        let explained = result.conditions.filter(\.explained)
        let rows = try XCTUnwrap(explained[0].explainedRows)
        XCTAssertGreaterThan(rows.lowerBound, 0, "rows before the response window are not explained")
        let a = try NPYArray.read(contentsOf: folder.appendingPathComponent(AnalysisExport.attributionFile))
        let windows = explained.reduce(0) { $0 + $1.explainedRows!.count }
        XCTAssertEqual(a.shape, [windows, 3, PlantedBarCircuit.geometry.mapWidth])
        let index = try lines(AnalysisExport.attributionIndexFile)
        XCTAssertEqual(index.count - 1, windows)
        XCTAssertEqual(Int(index[1][4]), rows.lowerBound)
        XCTAssertEqual(Int(index[1][6]), (explained[0].clock.firstRowFrame + rows.lowerBound - explained[0].eventFrame!) * 10)
        XCTAssertEqual(Int(index[1][6]), -100, "explained from the start of the importance window")
        let traces = try lines(AnalysisExport.tracesFile)
        let all = result.conditions.reduce(0) { $0 + $1.fullHz.count }
        XCTAssertEqual(traces.count - 1, all * (1 + result.cells.count + 1), "no ground-truth rows without a ground truth")
        let metrics = try StableJSON.read(AnalysisMetricsFile<MotionReversal>.self,
                                          contentsOf: folder.appendingPathComponent(AnalysisExport.metricsFile))
        XCTAssertEqual(metrics.fullMetric, result.fullMetric)
        XCTAssertNil(metrics.groundTruthMetric)
        XCTAssertEqual(metrics.rfCentreXPixels, 6)
    }

    /// A dividing circuit's division ablation becomes `reduced_no_division` rows after `reduced`.
    func testTheDivisionAblationIsExportedAsItsOwnModel() throws {
        let net = PlantedCircuit.network()
        var result = try OmittedStimulusResponse.analyse(model: net, settings: fast)
        XCTAssertFalse(AnalysisExport.tracesTable(result).rows.contains { $0[3] == .string("reduced_no_division") })
        result.reduction.subtractiveModel = result.reduction.model
        for i in result.reduction.conditions.indices {
            result.reduction.conditions[i].subtractiveHz = result.conditions[i].reducedHz.map { $0 + 1 }
        }
        try AnalysisExport.write(result, to: folder)
        let traces = try lines(AnalysisExport.tracesFile).dropFirst()
        let c0 = result.conditions[0]
        let models = traces.filter { $0[0] == c0.label }.map { $0[3] }
        XCTAssertEqual(models.filter { $0 == "reduced_no_division" }.count, c0.fullHz.count)
        XCTAssertEqual(models.firstIndex(of: "reduced_no_division"), models.lastIndex(of: "reduced")! + 1, "right after reduced")
        let first = try XCTUnwrap(traces.first { $0[0] == c0.label && $0[3] == "reduced_no_division" })
        XCTAssertEqual(try XCTUnwrap(Double(first[7])), Double(c0.reducedHz[0] + 1), accuracy: 5.1e-5)
    }

    func testWritingIntoAMissingFolderFailsWithoutFiles() throws {
        let net = PlantedCircuit.network()
        let result = try LatencyCoding.analyse(model: net, parameters: LatencyProtocol(contrasts: [0.5]), settings: fast)
        let missing = folder.appendingPathComponent("missing")
        XCTAssertThrowsError(try AnalysisExport.write(result, to: missing)) { error in
            XCTAssertEqual((error as? ToolError)?.exitCode, ExitStatus.cannotCreate, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
    }
}

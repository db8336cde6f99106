import XCTest
import Foundation
import RetinaCore
import RetinaCNN
import RetinaSimulation
import Phenomena
@testable import Mechanisms

/// Wall-clock of the four analyses at paper size (random BN-CNN with the ground-truth cell centres,
/// the simulated retina as ground truth, Tanaka presets, IG right Riemann 100 steps).
/// Skipped unless MECHANISMS_BENCHMARK=1.
final class MechanismAnalysesBenchmarkTests: XCTestCase {
    func testPaperSizeAnalysesTiming() throws {
        guard ProcessInfo.processInfo.environment["MECHANISMS_BENCHMARK"] != nil else { throw XCTSkip("set MECHANISMS_BENCHMARK=1") }
        let retina = SimulatedRetina.salamander
        var p = BNCNNParameters(architecture: .paper(cells: 8), seed: 5)
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        let net = try BNCNN(architecture: .paper(cells: 8), parameters: p, cellCentres: retina.cellCentres)
        let settings = MechanismAnalysisSettings(referenceKernels: GroundTruthReferenceKernels.kernels())
        func time<T>(_ name: String, _ body: () throws -> MechanismAnalysis<T>) rethrows {
            let t = Date()
            let r = try body()
            let explained = r.conditions.reduce(0) { $0 + ($1.explainedRows?.count ?? 0) }
            print("\(name): \(String(format: "%.1f", Date().timeIntervalSince(t))) s, \(r.conditions.count) conditions, "
                  + "\(explained) explained windows, gap/range \(String(format: "%.4f", r.completeness.maxGapOverResponseRange)), "
                  + "kept \(r.reduction.kept), fit r \(String(format: "%.3f", r.reduction.model.fit.pearson))")
        }
        try time("OSR") { try OmittedStimulusResponse.analyse(model: net, settings: settings, groundTruth: retina) }
        try time("latency") { try LatencyCoding.analyse(model: net, settings: settings, groundTruth: retina) }
        try time("reversal") { try MotionReversal.analyse(model: net, settings: settings, groundTruth: retina) }
        try time("anticipation") { try MotionAnticipation.analyse(model: net, settings: settings, groundTruth: retina) }
    }
}

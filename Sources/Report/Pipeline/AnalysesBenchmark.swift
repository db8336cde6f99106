import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaSimulation
import ReportKit

/// Wall-clock of the phenomenon analyses alone — integrated gradients, pooling, channel typing,
/// reduction and metrics, without export, figures or report — with exactly the settings and
/// protocols of `retina-report run` for the same configuration. `retina-report bench --analyses`
/// prints it; the target is all four under 60 s on 2 cores (issue #4).
public enum AnalysesBenchmark {
    /// One analysis's timing.
    public struct Timing: Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var seconds: Double
        /// Conditions analysed and windows explained by integrated gradients.
        public var conditions: Int
        public var explainedWindows: Int
        /// Largest completeness gap over the response range (a sanity check that the work was real).
        public var maxGapOverResponseRange: Double
    }

    /// Runs `config.phenomena` in order and times each; throws the first analysis error.
    public static func run(_ config: RunConfiguration, clock: any WallClock = SystemWallClock()) throws -> [Timing] {
        try config.validate()
        let (model, card) = try RunPipeline.loadModel(config)
        let (settings, groundTruth) = RunPipeline.analysisInputs(config, card: card)
        return try config.phenomena.map { p in
            try time(RunPipeline.reportable(p), model: model, config: config, settings: settings, groundTruth: groundTruth, clock: clock)
        }
    }

    static func time<K: ReportablePhenomenon>(_ kind: K.Type, model: BNCNN, config: RunConfiguration,
                                              settings: MechanismAnalysisSettings, groundTruth: SimulatedRetina?,
                                              clock: any WallClock) throws -> Timing {
        let t0 = clock.now()
        let a = try RunPipeline.analyse(K.self, model: model, config: config, settings: settings, groundTruth: groundTruth)
        return Timing(phenomenon: K.id, seconds: clock.now().timeIntervalSince(t0), conditions: a.conditions.count,
                      explainedWindows: a.explainedWindows, maxGapOverResponseRange: a.completeness.maxGapOverResponseRange)
    }
}

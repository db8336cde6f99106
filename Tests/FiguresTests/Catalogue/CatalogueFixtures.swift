import Foundation
import Mechanisms
import ModelCards
import Phenomena
import Plotting
import RetinaCNN
import RetinaCore
import RetinaSimulation
import TestSupport

/// Real analysis results on the tiny responsive BN-CNN of TestSupport (`TinyBNCNN`, seed 11), with a
/// second one (seed 12) as the "ground truth", and short protocols; computed once per test process.
enum CatalogueFixtures {
    static let settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 24, quadrature: .trapezoid),
                                                    referenceKernels: ["early": (0..<20).map { -exp(-Double($0) / 3) },
                                                                       "late": (0..<20).map { Double($0) * exp(-Double($0) / 4) }])
    static let osrProtocol = OSRProtocol(periodsMs: [40, 50, 60, 80])
    static let latencyProtocol = LatencyProtocol(contrasts: [0.2, 0.4, 0.6, 0.8, 1.0])
    static let reversalProtocol = TinyBarProtocols.reversal(speeds: [0.3, 0.5])
    static let anticipationProtocol = TinyBarProtocols.anticipation

    struct Results {
        var osr: OSRAnalysisResult
        var latency: LatencyAnalysisResult
        var reversal: ReversalAnalysisResult
        var anticipation: AnticipationAnalysisResult
    }

    static let results: Result<Results, Error> = Result {
        let net = try TinyBNCNN.responsive(seed: 11), truth = try TinyBNCNN.responsive(seed: 12)
        return Results(
            osr: try OmittedStimulusResponse.analyse(model: net, parameters: osrProtocol, settings: settings, groundTruth: truth),
            latency: try LatencyCoding.analyse(model: net, parameters: latencyProtocol, settings: settings),
            reversal: try MotionReversal.analyse(model: net, parameters: reversalProtocol, settings: settings, groundTruth: truth),
            anticipation: try MotionAnticipation.analyse(model: net, parameters: anticipationProtocol, settings: settings,
                                                             groundTruth: truth))
    }

    /// A model card with `cells` held-out scores and a six-point training history.
    static func card(cells: Int = 3) throws -> ModelCard {
        let history = (1...6).map { k -> [String: Any] in
            let x = Double(k)
            let r: Double = 0.5 + 0.05 * x - (k == 6 ? 0.04 : 0)
            let loss: Double = 3 - 0.2 * x
            return ["step": k * 100, "samples": k * 6400, "elapsedSeconds": 10 * x, "trainingLoss": loss,
                    "validationCorrelation": r, "learningRate": 1e-3]
        }
        let object: [String: Any] = [
            "toolVersion": "test", "recipe": try ModelCardFixture.json(TrainingRecipe()),
            "simulatorParameters": try ModelCardFixture.json(RetinaParameters.salamander),
            "simulatorCells": [Any](), "trainWindows": 1000, "validationWindows": 200, "testWindows": 200, "keptStep": 500,
            "samplesSeen": 38400, "trainingSeconds": 60, "samplesPerSecond": 640,
            "heldOutCorrelation": (0..<cells).map { 0.7 + 0.05 * Double($0) }, "heldOutFEV": (0..<cells).map { 0.4 + 0.1 * Double($0) },
            "history": history, "stopReason": "sample budget reached",
        ]
        return try ModelCardFixture.card(object)
    }
}

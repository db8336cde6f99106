import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation
import Training

/// Real analysis results on a tiny random BN-CNN (3 cells, 20-frame history, 8 × 16 screen; the
/// approach of MechanismsTests' `testAnalysesRunOnTheBNCNNEngine`), with a second random BN-CNN as the
/// "ground truth", and short protocols; computed once per test process.
enum CatalogueFixtures {
    static let settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 24, quadrature: .trapezoid),
                                                    referenceKernels: ["early": (0..<20).map { -exp(-Double($0) / 3) },
                                                                       "late": (0..<20).map { Double($0) * exp(-Double($0) / 4) }])
    static let osrProtocol = OSRProtocol(periodsMs: [40, 50, 60, 80])
    static let latencyProtocol = LatencyProtocol(contrasts: [0.2, 0.4, 0.6, 0.8, 1.0])
    static let reversalProtocol = ReversalProtocol(barWidthPixels: 2, speedsPixelsPerFrame: [0.3, 0.5], approachDistancePixels: 8,
                                                   framesAfterReversal: 46, reversalOffsetsPixels: [-2, 0, 2], recordBeforeReversalMs: 300)
    static let anticipationProtocol = AnticipationProtocol(barWidthPixels: 2, speedsPixelsPerFrame: [0.3], travelPixels: 8,
                                                           peakSearchHalfWidthPixels: 5, flashOffsetsPixels: [-2, -1, 0, 1, 2],
                                                           framesAfterFlash: 30)

    static func network(seed: UInt64) throws -> BNCNN {
        let a = BNCNNArchitecture(cells: 3, historyFrames: 20, height: 8, width: 16, conv1Channels: 4, conv1Kernel: 5,
                                  conv2Channels: 3, conv2Kernel: 3)
        var p = BNCNNParameters(architecture: a, seed: seed)
        // A fresh network barely responds; stronger first-layer kernels and output scale make it respond.
        p.conv1Weight = p.conv1Weight.map { $0 * 3 }
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        return try BNCNN(architecture: a, parameters: p, cellCentres: [(3, 7), (5, 7), (4, 9)])
    }

    struct Results {
        var osr: OSRAnalysisResult
        var latency: LatencyAnalysisResult
        var reversal: ReversalAnalysisResult
        var anticipation: AnticipationAnalysisResult
    }

    static let results: Result<Results, Error> = Result {
        let net = try network(seed: 11), truth = try network(seed: 12)
        return Results(
            osr: try OmittedStimulusResponse.analyse(model: net, parameters: osrProtocol, settings: settings, groundTruth: truth),
            latency: try LatencyCoding.analyse(model: net, parameters: latencyProtocol, settings: settings),
            reversal: try MotionReversal.analyse(model: net, parameters: reversalProtocol, settings: settings, groundTruth: truth),
            anticipation: try MotionAnticipation.analyse(model: net, parameters: anticipationProtocol, settings: settings,
                                                             groundTruth: truth))
    }

    /// A model card decoded from JSON (its memberwise initialiser is internal to Training).
    static func card(cells: Int = 3) throws -> ModelCard {
        func json<T: Encodable>(_ value: T) throws -> Any {
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
        }
        let history = (1...6).map { k -> [String: Any] in
            let x = Double(k)
            let r: Double = 0.5 + 0.05 * x - (k == 6 ? 0.04 : 0)
            let loss: Double = 3 - 0.2 * x
            return ["step": k * 100, "samples": k * 6400, "elapsedSeconds": 10 * x, "trainingLoss": loss,
                    "validationCorrelation": r, "learningRate": 1e-3]
        }
        let object: [String: Any] = [
            "toolVersion": "test", "recipe": try json(TrainingRecipe()), "simulatorParameters": try json(RetinaParameters.salamander),
            "simulatorCells": [Any](), "trainWindows": 1000, "validationWindows": 200, "testWindows": 200, "keptStep": 500,
            "samplesSeen": 38400, "trainingSeconds": 60, "samplesPerSecond": 640,
            "heldOutCorrelation": (0..<cells).map { 0.7 + 0.05 * Double($0) }, "heldOutFEV": (0..<cells).map { 0.4 + 0.1 * Double($0) },
            "history": history, "stopReason": "sample budget reached",
        ]
        return try JSONDecoder().decode(ModelCard.self, from: JSONSerialization.data(withJSONObject: object))
    }
}

import ArgumentParser
import ArrayIO
import Foundation
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the four phenomena and print the pass/fail table.",
        discussion: """
        Without --model, measures the simulated ground-truth retina (optionally with planted
        components ablated); with --model, measures a trained CNN on the same 50 × 50 stimuli
        (unsmoothed output). The criteria are the project's acceptance criteria for OSR, latency
        coding, motion reversal and motion anticipation.
        """
    )

    @Option(help: "Measure this CNN (.safetensors) instead of the ground truth.") var model: String?
    @Option(parsing: .upToNextOption, help: "Ablate planted components of the ground truth.")
    var ablate: [RetinaAblation] = []
    @Option(help: "Also write the full validation (metrics, traces, criteria) as JSON.") var json: String?

    func run() throws {
        try reportingErrors {
            if let model {
                guard ablate.isEmpty else { throw ValidationError("--ablate applies to the ground truth, not to --model") }
                let (network, _) = try BNCNN.load(contentsOf: URL(fileURLWithPath: model))
                var suite = PhenomenonSuite.validation
                suite.trimsToAnalysedFrames = true
                let validation = try suite.measure(network)
                print(validation.formattedTable(title: "CNN \(model)"), terminator: "")
                if let json { try StableJSON.write(validation, to: URL(fileURLWithPath: json)) }
                return
            }
            var retina = SimulatedRetina()
            if !ablate.isEmpty { retina = try retina.ablated(Set(ablate)) }
            var suite = PhenomenonSuite.validation
            suite.screenPolicy = .reduced
            let validation = try suite.measure(retina)
            let title = "Ground-truth retina" + (ablate.isEmpty ? "" : " (ablated: \(ablate.map(\.rawValue).joined(separator: ", ")))")
            print(validation.formattedTable(title: title), terminator: "")
            if let json { try StableJSON.write(validation, to: URL(fileURLWithPath: json)) }
        }
    }
}

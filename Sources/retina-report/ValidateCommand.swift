import ArgumentParser
import ArrayIO
import Foundation
import Phenomena
import RetinaCore
import RetinaSimulation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the four phenomena and print the pass/fail table.",
        discussion: """
        Without --model, measures the simulated ground-truth retina (optionally with planted
        components ablated). The criteria are the project's acceptance criteria for OSR, latency
        coding, motion reversal and motion anticipation.
        """
    )

    @Option(parsing: .upToNextOption, help: "Ablate planted components of the ground truth.")
    var ablate: [RetinaAblation] = []
    @Option(help: "Also write the full validation (metrics, traces, criteria) as JSON.") var json: String?

    func run() throws {
        try reportingErrors {
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

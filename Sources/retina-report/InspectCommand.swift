import ArgumentParser
import Foundation
import RetinaCNN
import Training

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's architecture, tensors and metadata (model card).")

    @Argument(help: "Model weights (.safetensors).") var model: String = ModelLocation.shippedPath

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: model)
            let (network, metadata) = try BNCNN.load(contentsOf: url)
            print(try ModelDescription.text(model: network, metadata: metadata, path: model), terminator: "")
        }
    }
}

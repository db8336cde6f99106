import ArgumentParser
import Foundation
import RetinaCNN
import Training

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's architecture, tensors and metadata (model card), or list and check an ensemble folder.",
        discussion: """
        Given a folder of member-<seed>.safetensors files (made by `train --output-dir DIR --seeds …`), \
        lists the members and checks that they form one ensemble: the same cells, architecture, \
        input normalisation, response pairing and recipe but the seed, no unfinished members (exit 64 \
        naming the member file otherwise).
        """)

    @Argument(help: "Model weights (.safetensors), or an ensemble folder.") var model: String = ModelLocation.shippedPath

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: model)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: model, isDirectory: &isFolder), isFolder.boolValue {
                print(EnsembleDescription.text(try ModelEnsemble.load(directory: url)), terminator: "")
                return
            }
            let (network, metadata) = try BNCNN.load(contentsOf: url)
            print(try ModelDescription.text(model: network, metadata: metadata, path: model), terminator: "")
        }
    }
}

import ArgumentParser
import RetinaCore

@main
struct RetinaReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retina-report",
        abstract: "Mechanistic reports from a CNN model of the retina (Tanaka, Nayebi et al., NeurIPS 2019).",
        discussion: """
        Exit codes: 0 success; 1 failure; 64 bad argument; 65 malformed input (model, stimulus);
        66 missing input file; 70 internal error; 73 output cannot be created (exists); 74 write error;
        130 / 143 interrupted by Ctrl-C / SIGTERM (the partial run folder is removed).
        """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, PredictCommand.self, InspectCommand.self, InspectDataCommand.self, SimulateCommand.self, AttributeCommand.self, TrainCommand.self, ValidateCommand.self, BenchCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Installs the Ctrl-C / SIGTERM cleanup (partial run folders and temporary files are removed,
    /// exit 130 / 143), then runs the command.
    static func main() {
        InterruptCleanup.install()
        main(nil)
    }
}

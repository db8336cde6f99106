import ArgumentParser
import RetinaCNN
import RetinaCore

@main
struct RetinaReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retina-report",
        abstract: "Mechanistic reports from a CNN model of the retina (Tanaka, Nayebi et al., NeurIPS 2019).",
        discussion: """
        Exit codes:
          0    success
          1    an analysis of `run` failed (error section in the report)
          64   bad argument or parameter, found before any work (this includes a run
               over the memory/work budget)
          65   malformed input (model, model card, stimulus, parameters file)
          66   missing or unreadable input file
          70   internal error
          73   output exists (pass --overwrite to replace it), is not a regular file,
               or cannot be created
          74   write error (e.g. disk full); nothing is committed
          130  interrupted by Ctrl-C (partial outputs are removed)
          143  terminated by SIGTERM (partial outputs are removed)
        """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, CompareCommand.self, CacheCommand.self, PredictCommand.self, AblateCommand.self, InspectCommand.self, InspectDataCommand.self, SimulateCommand.self, AttributeCommand.self, TrainCommand.self, SlurmScriptCommand.self, ValidateCommand.self, BenchCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Re-executes once with AVX2 OpenBLAS kernels where OpenBLAS fell back to SSE3 ones on an AVX2
    /// CPU (`BLASCoreType`), installs the Ctrl-C / SIGTERM cleanup (partial run folders and temporary
    /// files are removed, exit 130 / 143), then runs the command.
    static func main() {
        BLASCoreType.reexecutingForPreferredCoreType()
        InterruptCleanup.install()
        main(nil)
    }
}

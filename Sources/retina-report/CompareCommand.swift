import ArgumentParser
import CairoRenderer
import Foundation
import Report

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two run folders and write a comparison report folder.",
        usage: """
        retina-report compare <run-a> <run-b> [--output <output>] [--shared]
        [--overwrite] [--formats <formats>] [--dpi <dpi>] [--quiet]
        """,
        discussion: """
        Reads RUN_A and RUN_B (folders written by `retina-report run`: manifest.json and data/) and \
        writes report.md, a self-contained report.html, overlay figures of the headline curves, \
        comparison.json and manifest.json into the output folder. Nothing is recomputed. Runs with \
        different phenomena or protocols are refused (64) unless --shared is given; the folder \
        appears only when complete and an existing one is replaced only with --overwrite, and only \
        if it is an earlier comparison.
        """)

    @Argument(help: "The first run folder (A).") var runA: String
    @Argument(help: "The second run folder (B); differences are B − A.") var runB: String
    @Option(name: .shortAndLong, help: "The comparison folder to write (default: Reports/compare-<A>-vs-<B>).") var output: String?
    @Flag(help: "Compare only the phenomena both runs analysed with the same protocol; the report lists what was left out.")
    var shared = false
    @Flag(help: "Replace an existing comparison folder at the output path.") var overwrite = false
    @Option(help: "Figure formats, comma separated: png,svg,pdf.", transform: RunCommand.list) var formats: [String]?
    @Option(help: "PNG resolution (dpi).") var dpi: Double = 130
    @Flag(name: .shortAndLong, help: "Do not print the report path.") var quiet = false

    func run() throws {
        try reportingErrors {
            let parsed = try (formats ?? ["png", "svg"]).map { f -> FigureFormat in
                guard let x = FigureFormat(rawValue: f) else { throw ValidationError("--formats: '\(f)' is not one of png, svg, pdf") }
                return x
            }
            guard dpi.isFinite, dpi >= 30, dpi <= 1200 else { throw ValidationError("--dpi: expected 30 … 1200, found \(dpi)") }
            let outcome = try ComparisonFolder.write(
                ComparisonFolder.Options(runA: runA, runB: runB, output: output, sharedOnly: shared, overwrite: overwrite,
                                         formats: parsed, dpi: dpi), argv: CommandLine.arguments)
            if !quiet {
                let n = outcome.comparison.changeCount
                note(n == 0 ? "no conclusion changed" : "\(n) conclusion\(n == 1 ? "" : "s") changed")
                print(outcome.folder.appendingPathComponent("report.html").path)
            }
        }
    }
}

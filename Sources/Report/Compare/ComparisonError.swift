import RetinaCore

/// Why two run folders cannot be compared, or a comparison folder cannot be written. Every case
/// names the file, phenomenon or parameter at fault; exit codes follow the README's table.
public enum ComparisonError: ToolError, Equatable {
    /// The path does not exist, is not a folder, or has no `manifest.json` (66).
    case notARunFolder(path: String, reason: String)
    /// `manifest.json` is not a run manifest this tool reads (another schema, a comparison's, corrupt) (65).
    case foreignManifest(path: String, reason: String)
    /// The runs analysed different phenomena (64, unless `--shared`).
    case differentPhenomena(onlyInA: [String], onlyInB: [String])
    /// A shared phenomenon ran with a different stimulus protocol (64, unless `--shared`): the first
    /// differing parameter with both values, and how many others differ.
    case differentProtocol(phenomenon: String, parameter: String, valueA: String, valueB: String, others: Int)
    /// With `--shared`, no phenomenon is in both runs with the same protocol (64).
    case nothingShared(reason: String)
    /// The output exists and `--overwrite` was not given (73).
    case outputExists(path: String)
    /// `--overwrite` onto a folder that is not an earlier comparison (73): it is never replaced.
    case outputNotAComparison(path: String)

    public var exitCode: Int32 {
        switch self {
        case .notARunFolder: return ExitStatus.noInput
        case .foreignManifest: return ExitStatus.dataError
        case .differentPhenomena, .differentProtocol, .nothingShared: return ExitStatus.usage
        case .outputExists, .outputNotAComparison: return ExitStatus.cannotCreate
        }
    }

    public var description: String {
        switch self {
        case let .notARunFolder(path, reason):
            return "\(path) is not a run folder of `retina-report run`: \(reason)"
        case let .foreignManifest(path, reason):
            return "\(path) is not a run manifest this tool can compare: \(reason)"
        case let .differentPhenomena(a, b):
            var parts: [String] = []
            if !a.isEmpty { parts.append("only run A has \(a.joined(separator: ", "))") }
            if !b.isEmpty { parts.append("only run B has \(b.joined(separator: ", "))") }
            return "the runs analysed different phenomena: \(parts.joined(separator: "; ")). "
                + "Pass --shared to compare the phenomena both runs have"
        case let .differentProtocol(p, parameter, a, b, others):
            return "the runs ran \(p) with different protocols: \(parameter) is \(a) in run A and \(b) in run B"
                + (others > 0 ? " (and \(others) more \(p) parameter\(others == 1 ? "" : "s") differ)" : "")
                + ". Pass --shared to leave \(p) out and compare the rest"
        case let .nothingShared(reason):
            return "nothing to compare: \(reason)"
        case let .outputExists(path):
            return "\(path) already exists; pass --overwrite to replace an earlier comparison there, or choose another --output"
        case let .outputNotAComparison(path):
            return "\(path) exists and is not a comparison folder (no comparison.json); --overwrite replaces only an "
                + "earlier comparison. Choose another --output"
        }
    }
}

import RetinaCore
import ReportKit

/// Errors of `retina-report run` that are not another module's typed errors.
public enum RunPipelineError: ToolError, Equatable {
    case invalidParameter(name: String, expected: String, found: String)
    /// The `--parameters` file is missing or cannot be read (exit 66).
    case unreadableParameters(path: String, reason: String)
    /// The `--parameters` file is not a JSON object (exit 65).
    case malformedParameters(path: String, reason: String)
    case modelNotFound(path: String)
    /// `--model` names a folder (exit 66); `ensembleFiles` counts the `.safetensors` files in it, so the
    /// message can point to `--ensemble`.
    case modelIsFolder(path: String, ensembleFiles: Int)
    /// The run would need more memory or work than ``RunConfiguration/Budget`` allows (exit 64).
    case overBudget(name: String, limit: String, estimate: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidParameter, .overBudget: ExitStatus.usage
        case .malformedParameters: ExitStatus.dataError
        case .unreadableParameters, .modelNotFound, .modelIsFolder: ExitStatus.noInput
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, found):
            "parameter '\(name)': expected \(expected), found \(found)"
        case let .unreadableParameters(path, reason), let .malformedParameters(path, reason):
            "parameters file '\(path)': \(reason)"
        case let .overBudget(name, limit, estimate):
            "parameter '\(name)': the run would need \(estimate), more than the limit of \(limit); "
                + "reduce the parameter (the limit guards against exhausting memory or running for days)"
        case let .modelNotFound(path):
            "model file '\(path)' does not exist (expected a .safetensors model; the shipped one is Assets/model/bncnn-groundtruth.safetensors)"
        case let .modelIsFolder(path, files):
            "model '\(path)' is a folder, expected a .safetensors model file"
                + (files > 0 ? "; it holds \(files) model file\(files == 1 ? "" : "s"): to analyse them as an ensemble, use --ensemble \(path)" : "")
        }
    }
}

import RetinaCore

/// Errors of `retina-report run` that are not another module's typed errors.
public enum RunPipelineError: ToolError, Equatable {
    case invalidParameter(name: String, expected: String, found: String)
    case unreadableParameters(path: String, reason: String)
    case modelNotFound(path: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidParameter, .unreadableParameters: ExitStatus.usage
        case .modelNotFound: ExitStatus.noInput
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, found):
            "parameter '\(name)': expected \(expected), found \(found)"
        case let .unreadableParameters(path, reason):
            "parameters file '\(path)': \(reason)"
        case let .modelNotFound(path):
            "model file '\(path)' does not exist (expected a .safetensors model; the shipped one is Assets/model/bncnn-groundtruth.safetensors)"
        }
    }
}

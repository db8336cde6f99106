import RetinaCore

/// Errors of the BN-CNN engine. Messages name the parameter, tensor or file, the expected and the
/// found value.
public enum RetinaCNNError: ToolError, Equatable {
    /// A size or hyper-parameter of `BNCNNArchitecture` is out of range.
    case invalidArchitecture(String)
    /// A parameter array or an argument has the wrong size.
    case shapeMismatch(name: String, expected: String, found: String)
    /// A stimulus does not fit the model (screen size, too few frames).
    case stimulusMismatch(String)
    /// A weights file is unreadable or inconsistent.
    case weightsFile(path: String, message: String)
    /// A silencing names channels or map positions the model does not have, or asks for what the
    /// model file cannot express (positions with per-channel batch norm).
    case invalidSilencing(String)

    public var exitCode: Int32 {
        switch self {
        case .invalidArchitecture, .stimulusMismatch, .invalidSilencing: return ExitStatus.usage
        case .shapeMismatch, .weightsFile: return ExitStatus.dataError
        }
    }

    public var description: String {
        switch self {
        case .invalidArchitecture(let m): return "invalid BN-CNN architecture: \(m)"
        case .shapeMismatch(let name, let expected, let found):
            return "\(name): expected \(expected), found \(found)"
        case .stimulusMismatch(let m): return "stimulus does not fit the model: \(m)"
        case .weightsFile(let path, let m): return "weights file \(path): \(m)"
        case .invalidSilencing(let m): return "invalid silencing: \(m)"
        }
    }
}

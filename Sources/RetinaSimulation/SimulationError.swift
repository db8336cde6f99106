import RetinaCore

/// Errors of the simulated retina and the training-stimulus generator.
public enum SimulationError: ToolError, Equatable {
    /// A parameter is out of its valid range.
    case invalidParameter(name: String, expected: String, found: String)
    /// A movie's size does not fit the retina's screen.
    case screenMismatch(expected: String, found: String)

    public var exitCode: Int32 { ExitStatus.usage }

    public var description: String {
        switch self {
        case let .invalidParameter(name, expected, found):
            return "invalid parameter \(name): expected \(expected), found \(found)"
        case let .screenMismatch(expected, found):
            return "movie size does not fit the simulated retina: expected \(expected), found \(found)"
        }
    }
}

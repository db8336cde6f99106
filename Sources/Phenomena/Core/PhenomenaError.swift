import RetinaCore

/// A problem with a phenomenon protocol, a model's output or a trace handed to a metric.
///
/// Messages name the parameter, the expected and the found value.
public enum PhenomenaError: ToolError, Equatable {
    /// A protocol field has a value the stimulus builder cannot honour.
    case invalidProtocol(parameter: String, expected: String, found: String)
    /// The model returned a rate matrix of the wrong shape for a condition.
    case unexpectedRateShape(condition: String, expected: String, found: String)
    /// A requested cell index does not exist in the model.
    case cellOutOfRange(cell: Int, cellCount: Int)
    /// The model's `cellCentres` does not list one centre per cell.
    case centreCountMismatch(expected: Int, found: Int)

    public var exitCode: Int32 {
        switch self {
        case .invalidProtocol, .cellOutOfRange: return ExitStatus.usage
        case .unexpectedRateShape, .centreCountMismatch: return ExitStatus.software
        }
    }

    public var description: String {
        switch self {
        case let .invalidProtocol(parameter, expected, found):
            return "Phenomenon protocol parameter '\(parameter)': expected \(expected), found \(found)"
        case let .unexpectedRateShape(condition, expected, found):
            return "Model rates for condition '\(condition)': expected \(expected), found \(found)"
        case let .cellOutOfRange(cell, cellCount):
            return "Cell index \(cell) is out of range: the model has \(cellCount) cells (expected 0..<\(cellCount))"
        case let .centreCountMismatch(expected, found):
            return "Model cellCentres: expected \(expected) centres (one per cell), found \(found)"
        }
    }
}

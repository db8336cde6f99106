import RetinaCore

/// Errors of training (the recipe's validation, here beside the recipe, and the training sessions in
/// Training); messages name the field or file, the expected and the found value.
public enum TrainingError: ToolError, Equatable {
    case invalidRecipe(field: String, expected: String, found: String)
    case checkpointMismatch(path: String, reason: String)
    case diverged(step: Int, reason: String)
    /// The memory-coverage check cannot be measured for the model at `path` (no card, or a
    /// recording-trained or imported card whose training data is not at hand).
    case coverageNotMeasurable(path: String, reason: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidRecipe: ExitStatus.usage
        case .checkpointMismatch: ExitStatus.dataError
        case .diverged: ExitStatus.software
        case .coverageNotMeasurable: ExitStatus.dataError
        }
    }

    public var description: String {
        switch self {
        case let .invalidRecipe(field, expected, found):
            "training recipe: '\(field)' must be \(expected), found \(found)"
        case let .checkpointMismatch(path, reason):
            "checkpoint '\(path)' cannot be resumed: \(reason)"
        case let .diverged(step, reason):
            "training diverged at step \(step): \(reason)"
        case let .coverageNotMeasurable(path, reason):
            "model '\(path)': the memory-coverage check cannot be measured: \(reason)"
        }
    }
}

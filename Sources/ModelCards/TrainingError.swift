import RetinaCore

/// Errors of training (the recipe's validation, here beside the recipe, and the training sessions in
/// Training); messages name the field or file, the expected and the found value.
public enum TrainingError: ToolError, Equatable {
    case invalidRecipe(field: String, expected: String, found: String)
    case checkpointMismatch(path: String, reason: String)
    case diverged(step: Int, reason: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidRecipe: ExitStatus.usage
        case .checkpointMismatch: ExitStatus.dataError
        case .diverged: ExitStatus.software
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
        }
    }
}

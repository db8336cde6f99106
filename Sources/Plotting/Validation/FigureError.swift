import RetinaCore

/// Why a figure cannot be laid out or drawn. Messages name the figure id, the panel (by letter when it
/// has one, else by index), the element and field, and the expected and found values.
public enum FigureError: ToolError, Equatable {
    /// Width or height not finite and positive (or absurdly large).
    case invalidSize(figure: String, widthMillimetres: Double, heightMillimetres: Double)
    /// Bad id, grid, or panel cell.
    case invalidLayout(figure: String, reason: String)
    /// An element without data (empty arrays, an axes without elements, a 0×n heatmap).
    case emptyData(figure: String, panel: String, element: String)
    /// A NaN or infinite value.
    case nonFiniteData(figure: String, panel: String, element: String, field: String, index: Int, value: String)
    /// Arrays that must be parallel have different lengths.
    case mismatchedLengths(figure: String, panel: String, element: String, field: String, expected: Int, found: Int)
    /// A value outside its domain (limits lower ≥ upper, non-positive data on a log axis, negative error bar…).
    case invalidValue(figure: String, panel: String, element: String, reason: String)
    /// A builder got inconsistent inputs.
    case invalidInput(builder: String, reason: String)

    public var exitCode: Int32 {
        switch self {
        case .invalidSize, .invalidLayout, .invalidInput: return ExitStatus.usage
        case .emptyData, .nonFiniteData, .mismatchedLengths, .invalidValue: return ExitStatus.dataError
        }
    }

    public var description: String {
        switch self {
        case let .invalidSize(figure, w, h):
            return "figure '\(figure)': size must be finite, > 0 and ≤ \(Int(FigureValidator.maximumMillimetres)) mm; found \(w) × \(h) mm"
        case let .invalidLayout(figure, reason):
            return "figure '\(figure)': \(reason)"
        case let .emptyData(figure, panel, element):
            return "figure '\(figure)', panel \(panel): \(element) has no data (expected at least one value)"
        case let .nonFiniteData(figure, panel, element, field, index, value):
            return "figure '\(figure)', panel \(panel): \(element) has a non-finite value in '\(field)' at index \(index) (found \(value); expected a finite number)"
        case let .mismatchedLengths(figure, panel, element, field, expected, found):
            return "figure '\(figure)', panel \(panel): \(element) field '\(field)' has \(found) values, expected \(expected)"
        case let .invalidValue(figure, panel, element, reason):
            return "figure '\(figure)', panel \(panel): \(element): \(reason)"
        case let .invalidInput(builder, reason):
            return "\(builder): \(reason)"
        }
    }
}

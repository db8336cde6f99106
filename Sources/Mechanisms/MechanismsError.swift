import RetinaCore

/// Errors of the mechanisms module (integrated gradients, pooling, channel typing, reduction).
///
/// Every case names the parameter, the expected and the found value, so a user can act on it.
public enum MechanismsError: ToolError, Equatable {
    /// An array or movie does not have the shape the computation needs.
    case shapeMismatch(parameter: String, expected: String, found: String)
    /// A setting is outside its valid range.
    case invalidSetting(name: String, expected: String, found: String)
    /// The stimulus does not have the symmetry a pooling rule requires (pooling would not be exact).
    /// `frame`, `y`, `x` locate the first offending pixel; `value` is its contrast and `reference`
    /// the value it should equal (the frame's first pixel, or the top pixel of its column).
    case symmetryViolated(symmetry: String, frame: Int, y: Int, x: Int, value: Float, reference: Float, tolerance: Float)
    /// A model returned a result of the wrong size or a non-finite value.
    case modelOutput(member: String, expected: String, found: String)

    public var exitCode: Int32 {
        switch self {
        case .shapeMismatch, .symmetryViolated, .modelOutput: return ExitStatus.dataError
        case .invalidSetting: return ExitStatus.usage
        }
    }

    public var description: String {
        switch self {
        case let .shapeMismatch(p, e, f):
            return "shape mismatch for \(p): expected \(e), found \(f)"
        case let .invalidSetting(n, e, f):
            return "invalid setting \(n): expected \(e), found \(f)"
        case let .symmetryViolated(s, t, y, x, v, r, tol):
            return "stimulus is not \(s): frame \(t), pixel (y \(y), x \(x)) has contrast \(v) but \(r) "
                + "was required (tolerance \(tol)); pooling would not be exact"
        case let .modelOutput(m, e, f):
            return "model member \(m) returned \(f), expected \(e)"
        }
    }
}

/// The line styles that identify a model variant in every figure of the report.
///
/// Full model: near-black, solid. Reduced model: Okabe–Ito bluish green, dashed (green is used by no
/// pathway colour, so it never reads as ON or OFF). Ground truth: grey, dotted, slightly wider so the
/// dots stay visible.
public enum ConditionStyle {
    public static let fullColor = RGBColor(hex: 0x1A1A1A)
    public static let reducedColor = OkabeIto.bluishGreen
    public static let groundTruthColor = RGBColor(hex: 0x7F7F7F)

    public static let full = LineStyle(color: fullColor, widthPoints: 1.1, dash: .solid)
    public static let reduced = LineStyle(color: reducedColor, widthPoints: 1.1, dash: .dashed)
    public static let groundTruth = LineStyle(color: groundTruthColor, widthPoints: 1.4, dash: .dotted)

    /// Ordered conditions (periods, intensities, speeds): viridis from dark purple (first) to green
    /// (last; the pale yellow end is avoided on white).
    public static func condition(_ index: Int, of count: Int) -> LineStyle {
        let t = count > 1 ? 0.82 * Double(index) / Double(count - 1) : 0
        return LineStyle(color: ColorMap.viridis.color(at: t), widthPoints: 1.0)
    }
}

/// What a trace is, which fixes how it is drawn.
public enum TraceRole: Codable, Sendable, Equatable {
    case fullModel
    case reducedModel
    case groundTruth
    /// Condition `index` of `count` ordered conditions (see ``ConditionStyle/condition(_:of:)``).
    case condition(index: Int, count: Int)
    case custom(LineStyle)

    public var style: LineStyle {
        switch self {
        case .fullModel: return ConditionStyle.full
        case .reducedModel: return ConditionStyle.reduced
        case .groundTruth: return ConditionStyle.groundTruth
        case .condition(let index, let count): return ConditionStyle.condition(index, of: count)
        case .custom(let style): return style
        }
    }
}

/// Unit of time axes.
public enum TimeUnit: String, Codable, Sendable {
    case milliseconds, seconds

    public var symbol: String { self == .milliseconds ? "ms" : "s" }

    /// `seconds` expressed in this unit.
    public func value(seconds: Double) -> Double { self == .milliseconds ? seconds * 1000 : seconds }
}

/// One panel of a phenomenon's headline curve — its metric against the swept parameter (OSR peak
/// time against the flash period, latency against contrast, …) — read from a metric alone, so it
/// can be drawn from a run's `metrics.json` without the analysis result.
///
/// Each phenomenon provides its panels through ``PhenomenonFigures/headlineCurves(_:parameters:rfCentreXPixels:)``.
/// Invariant: `x.count == y.count`; `y` is nil where the metric has no value (e.g. no peak).
public struct HeadlineCurve: Codable, Sendable, Equatable {
    /// Panel title (a speed, a direction of the contrast switch); nil for a single panel.
    public var title: String?
    public var xLabel: String
    public var xUnit: String?
    public var yLabel: String
    public var yUnit: String?
    /// Log10 x axis (contrast sweeps).
    public var xLogarithmic: Bool
    public var x: [Double]
    public var y: [Double?]

    public init(title: String? = nil, xLabel: String, xUnit: String?, yLabel: String, yUnit: String?,
                xLogarithmic: Bool = false, x: [Double], y: [Double?]) {
        precondition(x.count == y.count, "HeadlineCurve: x and y differ in length")
        self.title = title; self.xLabel = xLabel; self.xUnit = xUnit; self.yLabel = yLabel; self.yUnit = yUnit
        self.xLogarithmic = xLogarithmic; self.x = x; self.y = y
    }

    /// The points with a finite y.
    public var finitePoints: (x: [Double], y: [Double]) {
        let kept = x.indices.filter { y[$0]?.isFinite ?? false }
        return (kept.map { x[$0] }, kept.map { y[$0]! })
    }
}

extension GanglionCellParameters {
    /// ``validate(index:)`` plus physical ranges, for cells read from a file (a model card): centres
    /// within ±10⁴ px; weights within ±10³; 0 < σ_c ≤ 10³ px; 0 ≤ κ ≤ 10⁴; 0 < τ_g ≤ 10⁴ ms;
    /// 0 < g_ref ≤ 10⁶. Throws ``SimulationError/invalidParameter(name:expected:found:)`` naming
    /// `cells[index].field`.
    public func validatePhysicalRanges(index: Int) throws {
        func range(_ x: Double, _ name: String, _ lower: Double, _ upper: Double, open: Bool = false) throws {
            guard x.isFinite && (open ? x > lower : x >= lower) && x <= upper else {
                throw SimulationError.invalidParameter(name: "cells[\(index)].\(name)",
                                                       expected: "a finite value in \(open ? "(" : "[")\(lower), \(upper)]",
                                                       found: "\(x)")
            }
        }
        try range(centreYPixels, "centreYPixels", -1e4, 1e4)
        try range(centreXPixels, "centreXPixels", -1e4, 1e4)
        try range(onTerminalWeight, "onTerminalWeight", -1e3, 1e3)
        try range(amacrineWeight, "amacrineWeight", -1e3, 1e3)
        try range(poolingSigmaPixels, "poolingSigmaPixels", 0, 1e3, open: true)
        try range(gainControlStrength, "gainControlStrength", 0, 1e4)
        try range(gainControlTauMilliseconds, "gainControlTauMilliseconds", 0, 1e4, open: true)
        try range(referenceDrive, "referenceDrive", 0, 1e6, open: true)
        try validate(index: index)
    }
}

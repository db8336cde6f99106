import Foundation
import Phenomena

extension MemoryCoverage {
    /// A plain-text table: per cell the truncated retina's r and FEV (simulated retina) and the
    /// filter weight outside the window; then each criterion on the full and the truncated retina.
    public func formattedTable() -> String {
        var out = "Memory coverage: \(windowFrames)-frame window (\(windowFrames * 10) ms), \(data)\n"
        out += "cell  truncated r  truncated FEV  filter weight outside window\n"
        for c in cells {
            let r = c.truncatedCorrelation.map { String(format: "%11.3f", $0) } ?? String(repeating: " ", count: 10) + "—"
            let f = c.truncatedFEV.map { String(format: "%13.3f", $0) } ?? String(repeating: " ", count: 12) + "—"
            out += String(format: "%4d  ", c.cell) + r + "  " + f + String(format: "  %27.1f %%\n", 100 * c.weightOutsideWindow)
        }
        if let t = truncatedCriteria, let full = retinaCriteria, t.count == full.count {
            out += "criterion                                                    full retina        restricted to the window\n"
            for (a, b) in zip(full, t) {
                let name = a.name.count > 58 ? String(a.name.prefix(57)) + "…" : a.name
                let v = { (c: CriterionResult) in
                    (c.measured.map { String(format: "%.3f", $0) } ?? "n/a") + " " + (c.passed ? "pass" : "FAIL")
                }
                out += name.padding(toLength: 60, withPad: " ", startingAt: 0) + " " + v(a).padding(toLength: 18, withPad: " ", startingAt: 0)
                    + " " + v(b) + "\n"
            }
        }
        return out
    }
}

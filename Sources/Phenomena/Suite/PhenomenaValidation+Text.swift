/// Plain-text rendering of a validation for terminals and logs.
extension PhenomenaValidation {
    /// A fixed-width table: phenomenon, criterion, measured value, threshold, verdict, cells passing.
    ///
    /// Deterministic (fixed precision: 3 significant decimals), so it can serve as a golden file.
    public func formattedTable(title: String) -> String {
        var rows: [[String]] = [["phenomenon", "criterion", "measured", "threshold", "verdict", "cells"]]
        for c in criteria {
            let value = c.measured.map { Self.format($0) + (c.unit.isEmpty ? "" : " \(c.unit)") } ?? "n/a"
            rows.append([c.phenomenon.rawValue, c.name, value, c.thresholdDescription,
                         c.passed ? "pass" : "FAIL", "\(c.cellsPassing)/\(c.perCell.count)"])
        }
        let widths = (0..<rows[0].count).map { col in rows.map { $0[col].count }.max() ?? 0 }
        var lines = [title]
        for (i, row) in rows.enumerated() {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces())
            if i == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        let passed = criteria.filter(\.passed).count
        lines.append("\(passed) of \(criteria.count) criteria passed")
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let r = (x * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

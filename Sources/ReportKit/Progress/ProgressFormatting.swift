import Foundation

/// Number formatting shared by the progress reporters.
enum ProgressFormatting {
    /// Durations for humans: `0.4 s`, `12.3 s`, `2m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let total = Int(seconds.rounded())
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
    }

    /// Whole percent of `completed / total`, clamped to 0…100; 0 when `total` is 0.
    static func percent(_ completed: Int, _ total: Int) -> Int {
        guard total > 0 else { return 0 }
        return min(100, max(0, Int((Double(completed) * 100 / Double(total)).rounded(.down))))
    }

    /// Remaining time assuming a constant rate: `elapsed · (total − completed) / completed`;
    /// `nil` before the first unit completes.
    static func eta(elapsed: Double, completed: Int, total: Int) -> Double? {
        guard completed > 0, total >= completed else { return nil }
        return elapsed * Double(total - completed) / Double(completed)
    }

    /// A bar of `width` cells, filled in proportion to `fraction` (0…1).
    static func bar(fraction: Double, width: Int, filled: Character = "#", empty: Character = "-") -> String {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let n = Int((f * Double(width)).rounded(.down))
        return String(repeating: filled, count: n) + String(repeating: empty, count: width - n)
    }
}

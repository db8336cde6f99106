import RetinaCore

/// Physical ranges every protocol field gets from its unit suffix — one rule for every phenomenon,
/// so a new protocol field is checked by naming it as the house style asks (`…Ms`, `…Frames`, …):
///
/// | field | range |
/// |---|---|
/// | `…Ms` (Double or list) | finite, \|t\| ≤ ``maximumMilliseconds`` (100 s) |
/// | `…StartMs` with its `…EndMs` | start < end |
/// | `…Fraction` | 0 … 1 |
/// | `…Contrast` | finite, 0 < \|c\| ≤ 1 (a dark or bright stimulus on the gray mean) |
/// | `…SD` | finite, 0 < σ ≤ 1,000 (the movies' own contrast limit) |
/// | `…Pixels`, `…PixelsPerFrame` (Double or list) | finite, \|x\| ≤ ``maximumPixels`` |
/// | any other Double (or list) | finite, \|x\| ≤ 10⁶ |
/// | any Int | 0 … ``maximumCount`` (10⁶: 10⁴ s of 10 ms frames) |
///
/// A value outside its range throws ``PhenomenaError/invalidProtocol(parameter:expected:found:)``
/// naming `Type.field` (exit 64 at the command line) — before any movie is built or any time is
/// converted to whole frames, so an absurd value can neither trap nor allocate.
public enum ProtocolRanges {
    public static let maximumMilliseconds = 100_000.0
    public static let maximumPixels = 10_000.0
    public static let maximumCount = 1_000_000

    /// Checks every stored field of `parameters` (a protocol struct) by its name.
    public static func check(_ parameters: Any) throws {
        let owner = String(describing: type(of: parameters))
        var numbers: [String: Double] = [:]
        for child in Mirror(reflecting: parameters).children {
            guard let label = child.label else { continue }
            let name = "\(owner).\(label)"
            switch child.value {
            case let v as Double:
                try checkDouble(v, label: label, name: name)
                numbers[label] = v
            case let list as [Double]:
                for (i, v) in list.enumerated() { try checkDouble(v, label: label, name: "\(name)[\(i)]") }
            case let v as Int:
                guard (0...maximumCount).contains(v) else { throw fail(name, "0 … \(maximumCount)", "\(v)") }
            default:
                continue
            }
        }
        for (label, start) in numbers where label.hasSuffix("StartMs") {
            let endLabel = String(label.dropLast("StartMs".count)) + "EndMs"
            if let end = numbers[endLabel], !(start < end) {
                throw fail("\(owner).\(label)", "less than \(endLabel) = \(end) ms", "\(start) ms")
            }
        }
    }

    static func checkDouble(_ v: Double, label: String, name: String) throws {
        guard v.isFinite else { throw fail(name, "a finite number", "\(v)") }
        if label.hasSuffix("Ms") {
            guard abs(v) <= maximumMilliseconds else { throw fail(name, "−\(Int(maximumMilliseconds)) … \(Int(maximumMilliseconds)) ms", "\(v) ms") }
        } else if label.hasSuffix("Fraction") {
            guard (0...1).contains(v) else { throw fail(name, "0 … 1", "\(v)") }
        } else if label.hasSuffix("Contrast") {
            guard v != 0, abs(v) <= 1 else { throw fail(name, "a contrast with 0 < |c| ≤ 1", "\(v)") }
        } else if label.hasSuffix("SD") {
            guard v > 0, v <= 1000 else { throw fail(name, "0 < SD ≤ 1000", "\(v)") }
        } else if label.hasSuffix("Pixels") || label.hasSuffix("PixelsPerFrame") {
            guard abs(v) <= maximumPixels else { throw fail(name, "|x| ≤ \(Int(maximumPixels)) pixels", "\(v)") }
        } else {
            guard abs(v) <= 1e6 else { throw fail(name, "|x| ≤ 10⁶", "\(v)") }
        }
    }

    static func fail(_ name: String, _ expected: String, _ found: String) -> PhenomenaError {
        .invalidProtocol(parameter: name, expected: expected, found: found)
    }
}

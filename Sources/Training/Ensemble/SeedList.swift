import Foundation

/// The seeds of an ensemble's members: `1-5`, `1,3,7`, `1-3,8`. Parsed into ascending, unique
/// values; ``description`` writes them back compactly (contiguous runs as `a-b`), which is also the
/// `--array` syntax of Slurm.
public struct SeedList: Sendable, Equatable, CustomStringConvertible {
    /// Ascending, unique.
    public let seeds: [UInt64]

    /// Most members one list may name (a typo like `1-100000` is refused before any work).
    public static let maximumCount = 1_000

    /// Throws ``EnsembleError/invalidOption(option:expected:found:)`` (64) for an empty list,
    /// duplicates or more than ``maximumCount`` seeds.
    public init(seeds: [UInt64], option: String = "--seeds") throws {
        guard !seeds.isEmpty else { throw EnsembleError.invalidOption(option: option, expected: "at least one seed", found: "none") }
        guard seeds.count <= Self.maximumCount else {
            throw EnsembleError.invalidOption(option: option, expected: "at most \(Self.maximumCount) seeds", found: "\(seeds.count)")
        }
        var seen = Set<UInt64>()
        for s in seeds where !seen.insert(s).inserted {
            throw EnsembleError.invalidOption(option: option, expected: "each seed once", found: "seed \(s) twice")
        }
        self.seeds = seeds.sorted()
    }

    /// Parses comma-separated seeds and inclusive ranges `a-b` (`a ≤ b`), decimal, no signs.
    public init(parsing text: String, option: String = "--seeds") throws {
        func fail(_ why: String) -> EnsembleError {
            EnsembleError.invalidOption(option: option, expected: "seeds like 1-5 or 1,3,7 (\(why))", found: "'\(text)'")
        }
        func number(_ part: Substring) throws -> UInt64 {
            let t = part.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.allSatisfy(\.isASCIIDigit), let v = UInt64(t) else { throw fail("'\(t)' is not a seed ≥ 0") }
            return v
        }
        var seeds: [UInt64] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1:
                seeds.append(try number(bounds[0]))
            case 2:
                let (a, b) = (try number(bounds[0]), try number(bounds[1]))
                guard a <= b else { throw fail("range \(a)-\(b) runs backwards") }
                guard b - a < UInt64(Self.maximumCount) else { throw fail("range \(a)-\(b) has more than \(Self.maximumCount) seeds") }
                seeds += Array(a...b)
            default:
                throw fail("'\(item)' is not a seed or a range")
            }
        }
        try self.init(seeds: seeds, option: option)
    }

    /// Contiguous runs as `a-b`, others comma-separated: `1-3,7`.
    public var description: String {
        var parts: [String] = []
        var i = 0
        while i < seeds.count {
            var j = i
            while j + 1 < seeds.count, seeds[j + 1] == seeds[j] + 1 { j += 1 }
            parts.append(j == i ? "\(seeds[i])" : "\(seeds[i])-\(seeds[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// The seed held by environment variable `name` (a Slurm array task id): decimal, no sign.
    /// Throws 64 naming the variable when it is unset, empty or not a seed.
    public static func seed(fromEnvironment name: String, environment: [String: String]) throws -> UInt64 {
        let option = "--seed-from-env \(name)"
        guard let value = environment[name] else {
            throw EnsembleError.invalidOption(option: option, expected: "environment variable \(name) set to a seed", found: "unset")
        }
        let t = value.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy(\.isASCIIDigit), let seed = UInt64(t) else {
            throw EnsembleError.invalidOption(option: option, expected: "\(name) to be an integer seed ≥ 0", found: "'\(value)'")
        }
        return seed
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

import Foundation

/// Which first-layer units are silenced: their pre-activation is clamped to its gray-screen value
/// `z = b_c` (the conv1 bias; a gray screen is zero contrast, so the kernel contributes nothing).
///
/// - ``channels``: whole channels. In a model file this is exact as "conv1 kernel zeroed, bias
///   kept" (`BNCNN.silenced(_:)`).
/// - ``regions``: a channel's units over a rectangle of layer-1 map positions (rows × columns,
///   0-based, map coordinates: column `x` sees screen pixels `x … x + K − 1`). Model files do this
///   through the per-unit BN1 of the silenced units (γ = 0, β = their BN1 output at `z = b_c`).
///
/// Invariant after ``normalised()``: channels sorted and unique, no region of a whole channel
/// already silenced, regions sorted.
public struct Layer1Silencing: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A rectangle of one channel's layer-1 map.
    public struct Region: Codable, Sendable, Hashable, CustomStringConvertible {
        public var channel: Int
        /// Map columns (x), inclusive.
        public var columns: ClosedRange<Int>
        /// Map rows (y), inclusive; nil = every row (a full-height strip, what bar groups read).
        public var rows: ClosedRange<Int>?

        public init(channel: Int, columns: ClosedRange<Int>, rows: ClosedRange<Int>? = nil) {
            self.channel = channel; self.columns = columns; self.rows = rows
        }

        /// `c3@x10-14`, `c3@x12`, `c3@x10-14@y0-5` (the `--units` syntax of `ablate`).
        public var description: String {
            func span(_ r: ClosedRange<Int>) -> String { r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound)" }
            return "c\(channel)@x\(span(columns))" + (rows.map { "@y\(span($0))" } ?? "")
        }
    }

    /// Whole channels.
    public var channels: [Int]
    /// Partial channels.
    public var regions: [Region]

    public init(channels: [Int] = [], regions: [Region] = []) {
        self.channels = channels; self.regions = regions
    }

    /// Nothing silenced.
    public var isEmpty: Bool { channels.isEmpty && regions.isEmpty }

    /// Sorted, de-duplicated; regions of whole-silenced channels dropped.
    public func normalised() -> Layer1Silencing {
        let c = Array(Set(channels)).sorted()
        let whole = Set(c)
        let r = Array(Set(regions.filter { !whole.contains($0.channel) })).sorted {
            ($0.channel, $0.columns.lowerBound, $0.columns.upperBound, $0.rows?.lowerBound ?? -1, $0.rows?.upperBound ?? -1)
                < ($1.channel, $1.columns.lowerBound, $1.columns.upperBound, $1.rows?.lowerBound ?? -1, $1.rows?.upperBound ?? -1)
        }
        return Layer1Silencing(channels: c, regions: r)
    }

    /// Throws ``RetinaCNNError/invalidSilencing(_:)`` (exit 64) naming every channel, column or row
    /// outside a layer 1 of `channelCount` channels and `height × width` maps.
    public func validate(channelCount: Int, height: Int, width: Int) throws {
        let badChannels = Array(Set(channels.filter { !(0..<channelCount).contains($0) })).sorted()
        if !badChannels.isEmpty {
            throw RetinaCNNError.invalidSilencing(
                "channel\(badChannels.count == 1 ? "" : "s") \(badChannels.map(String.init).joined(separator: ", ")) outside 0…\(channelCount - 1)")
        }
        for r in regions {
            if !(0..<channelCount).contains(r.channel) {
                throw RetinaCNNError.invalidSilencing("units \(r): channel \(r.channel) outside 0…\(channelCount - 1)")
            }
            if r.columns.lowerBound < 0 || r.columns.upperBound >= width {
                throw RetinaCNNError.invalidSilencing("units \(r): columns outside the layer-1 map 0…\(width - 1)")
            }
            if let rows = r.rows, rows.lowerBound < 0 || rows.upperBound >= height {
                throw RetinaCNNError.invalidSilencing("units \(r): rows outside the layer-1 map 0…\(height - 1)")
            }
        }
    }

    /// One flag per layer-1 unit, `[C1, H, W]` channel-major: true = silenced.
    public func mask(channelCount: Int, height: Int, width: Int) -> [Bool] {
        let map = height * width
        var m = [Bool](repeating: false, count: channelCount * map)
        for c in channels where (0..<channelCount).contains(c) {
            for i in 0..<map { m[c * map + i] = true }
        }
        for r in regions where (0..<channelCount).contains(r.channel) {
            for y in (r.rows ?? 0...(height - 1)) where (0..<height).contains(y) {
                for x in r.columns where (0..<width).contains(x) { m[r.channel * map + y * width + x] = true }
            }
        }
        return m
    }

    /// The union of two silencings (normalised).
    public func union(_ other: Layer1Silencing) -> Layer1Silencing {
        Layer1Silencing(channels: channels + other.channels, regions: regions + other.regions).normalised()
    }

    /// `c2, c5, c3@x10-14`, or `nothing`.
    public var description: String {
        let parts = channels.map { "c\($0)" } + regions.map(\.description)
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}

extension Layer1Silencing {
    /// Parses the `--units` list syntax: comma-separated `cN@xA-B` or `cN@xA` (map columns), each
    /// optionally followed by `@yA-B` (map rows; default every row). Throws
    /// ``RetinaCNNError/invalidSilencing(_:)`` naming the first malformed entry.
    public static func parseRegions(_ text: String) throws -> [Region] {
        func range(_ s: Substring, _ prefix: Character, _ entry: String) throws -> ClosedRange<Int> {
            guard s.first == prefix else {
                throw RetinaCNNError.invalidSilencing("units '\(entry)': expected '\(prefix)A-B' or '\(prefix)A', found '\(s)'")
            }
            let parts = s.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let lo = Int(parts[0]), let hi = Int(parts.last!), lo <= hi else {
                throw RetinaCNNError.invalidSilencing("units '\(entry)': expected '\(prefix)A-B' with A ≤ B, found '\(s)'")
            }
            return lo...hi
        }
        return try text.split(separator: ",").map { raw in
            let entry = raw.trimmingCharacters(in: .whitespaces)
            let parts = entry.split(separator: "@", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), parts[0].first == "c", let c = Int(parts[0].dropFirst()) else {
                throw RetinaCNNError.invalidSilencing("units '\(entry)': expected 'cN@xA-B' (optionally '@yA-B'), e.g. 'c3@x10-14'")
            }
            return Region(channel: c, columns: try range(parts[1], "x", entry),
                          rows: parts.count == 3 ? try range(parts[2], "y", entry) : nil)
        }
    }
}

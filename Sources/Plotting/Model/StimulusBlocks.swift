/// One stimulus epoch drawn as a filled block from the baseline to `level` between `start` and `end`.
public struct StimulusBlock: Codable, Sendable, Equatable {
    public var start: Double
    public var end: Double
    /// Stimulus value (contrast) during the block; negative (dark) blocks hang below the baseline.
    public var level: Double

    public init(start: Double, end: Double, level: Double) {
        self.start = start
        self.end = end
        self.level = level
    }
}

/// A stimulus trace as filled blocks on a thin baseline, like the flash trains of the OSR figures.
public struct BlockTrace: Codable, Sendable, Equatable {
    public var blocks: [StimulusBlock]
    public var baseline: Double
    public var color: RGBColor
    /// Draw a hairline at `baseline` across the x range of the axes.
    public var showsBaseline: Bool
    public var label: String?

    public init(blocks: [StimulusBlock], baseline: Double = 0, color: RGBColor = PathwayPalette.stimulus,
                showsBaseline: Bool = true, label: String? = nil) {
        self.blocks = blocks
        self.baseline = baseline
        self.color = color
        self.showsBaseline = showsBaseline
        self.label = label
    }

    /// Blocks from a sampled stimulus: each maximal run of equal non-baseline samples becomes one block.
    ///
    /// Sample `i` covers `[times[i], times[i] + sampleDuration)`; `times` increasing, same length as
    /// `values`.
    public static func from(times: [Double], values: [Double], sampleDuration: Double, baseline: Double = 0,
                            color: RGBColor = PathwayPalette.stimulus, label: String? = nil) -> BlockTrace {
        var blocks: [StimulusBlock] = []
        var i = 0
        let n = min(times.count, values.count)
        while i < n {
            guard values[i] != baseline else { i += 1; continue }
            var j = i
            while j + 1 < n, values[j + 1] == values[i] { j += 1 }
            blocks.append(StimulusBlock(start: times[i], end: times[j] + sampleDuration, level: values[i]))
            i = j + 1
        }
        return BlockTrace(blocks: blocks, baseline: baseline, color: color, label: label)
    }
}
